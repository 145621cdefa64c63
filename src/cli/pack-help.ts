import { PACK_ABOUT, PACK_OPTIONS, PACK_USAGE } from '../config/pack-options.js';
import { optionLines } from './help.js';

export const PACK_HELP = `Usage: ${PACK_USAGE}

${PACK_ABOUT}

Options:
${optionLines(Object.values(PACK_OPTIONS))}
`;
