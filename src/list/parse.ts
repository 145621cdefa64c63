import { quoted } from '../system/quote.js';
import path from 'node:path';
import type { ListEntry, ListProblem } from './entry.js';
import { POLICIES, type Policy } from './policy.js';
import { parseReference } from './reference.js';

// Extra `key=value` fields after `<archive> <name[:tag]>`. Unknown keys are only a warning,
// so a list written by a newer `pack` still loads on an older device.
interface Fields {
  id?: string;
  size?: number;
  sha256?: string;
  policy?: Policy;
  delete?: boolean;
}

class InvalidField extends Error {}

function matching(pattern: RegExp, message: string): (value: string) => string {
  return (value) => {
    if (!pattern.test(value)) throw new InvalidField(message);
    return value;
  };
}

const FIELDS: { [K in keyof Fields]-?: (value: string) => Fields[K] } = {
  id: matching(/^sha256:[0-9a-f]{64}$/, 'must be sha256: followed by 64 lowercase hex digits'),
  size: (value) => Number(matching(/^\d+$/, 'must be a whole number of bytes')(value)),
  sha256: matching(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
  policy: (value) => {
    const policy = POLICIES.find((known) => known === value);
    if (policy === undefined) throw new InvalidField(`must be one of ${POLICIES.join(', ')}`);
    return policy;
  },
  delete: (value) => {
    if (!['yes', 'no', 'true', 'false'].includes(value)) throw new InvalidField('must be yes or no');
    return value === 'yes' || value === 'true';
  },
};
const KNOWN_KEYS = new Set(Object.keys(FIELDS));

function isKnown(key: string): key is keyof Fields {
  return KNOWN_KEYS.has(key);
}

function assign(fields: Fields, key: keyof Fields, value: string): void {
  Object.assign(fields, { [key]: FIELDS[key](value) });
}

export interface ParsedList {
  entries: ListEntry[];
  problems: ListProblem[];
}

/** Parse one image.list (ISAR format plus optional fields). Pure: no file access. */
/** A bad line is skipped; the rest of the list still loads. */
const LINE_HINT = 'fix the line (format: preload-daemon(1), FILES); the other lines still load';

export function parseList(text: string, listPath: string): ParsedList {
  const imagesDir = path.join(path.dirname(listPath), 'images');
  const entries: ListEntry[] = [];
  const problems: ListProblem[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.replace(/\r$/, '').trim();
    if (content === '' || content.startsWith('#')) return;
    const problem = (reason: string, severity: ListProblem['severity'] = 'error') =>
      problems.push({ list: listPath, line, reason, severity, ...(severity === 'error' && { hint: LINE_HINT }) });
    const [archiveName, refText, ...extra] = content.split(/\s+/);
    if (archiveName === undefined || refText === undefined) {
      problem(`expected "<archive> <name[:tag]>", got ${quoted(content)}`);
      return;
    }
    const pathError = checkArchiveName(archiveName);
    if (pathError) {
      problem(pathError);
      return;
    }
    const parsed = parseReference(refText);
    if (!parsed.ok) {
      problem(`invalid reference ${quoted(refText)}: ${parsed.reason}`);
      return;
    }
    const fields = parseFields(extra, problem);
    if (fields === undefined) return;
    if (parsed.ref.digest !== undefined) {
      problem(`digest in ${quoted(refText)} cannot be checked against a docker-archive and is ignored; use id=sha256:… to pin the image`, 'warning');
    }
    entries.push({
      list: listPath,
      line,
      archiveName,
      archivePath: path.join(imagesDir, archiveName),
      imagesDir,
      reference: parsed.ref,
      expectedId: fields.id,
      size: fields.size,
      archiveSha256: fields.sha256,
      policy: fields.policy,
      deleteAfterLoad: fields.delete,
    });
  });
  return { entries, problems };
}

/** Archives must stay inside images/: no absolute paths, no `..`. Symlinks are checked on open. */
export function checkArchiveName(name: string): string | undefined {
  if (path.isAbsolute(name)) return `archive path ${quoted(name)} must be relative to the images/ folder beside the list`;
  if (name.split('/').includes('..')) return `archive path ${quoted(name)} leaves the images/ folder ("..")`;
  return undefined;
}

function parseFields(
  tokens: string[],
  problem: (reason: string, severity?: ListProblem['severity']) => void,
): Fields | undefined {
  const fields: Fields = {};
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq <= 0) {
      problem(`unexpected field ${quoted(token)}: extra fields are key=value`);
      return undefined;
    }
    const key = token.slice(0, eq);
    if (!isKnown(key)) {
      problem(`unknown field ${quoted(key)} ignored (known: ${[...KNOWN_KEYS].join(', ')})`, 'warning');
      continue;
    }
    try {
      assign(fields, key, token.slice(eq + 1));
    } catch (error) {
      if (!(error instanceof InvalidField)) throw error;
      problem(`invalid field ${key}: ${error.message}`);
      return undefined;
    }
  }
  return fields;
}
