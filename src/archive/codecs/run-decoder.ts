import { GarbageBudget } from '../../system/garbage.js';
import { programOutput, ProgramError } from '../../system/program.js';
import { unpooled, type Chunk } from '../chunk.js';
import { PIPE_FULL_COLLECTION_EVERY, PIPE_GARBAGE_BUDGET_BYTES } from '../limits.js';
import { DecodeError, MissingProgramError, type ProgramFormat } from './decode-error.js';
import { isFileInput, type DecoderInput } from './input.js';

export interface DecoderCommand {
  format: ProgramFormat;
  args: string[];
  /** The error for a run that exited non-zero, from the tail of its stderr. */
  failure(stderr: string): DecodeError;
}

/**
 * Decode through Debian's program (system/program.ts runs it as a stream stage: backpressure
 * through the pipes, killed and reaped whatever ends the stream). A file is its stdin: it reads
 * the archive itself, no copy through Node.
 */
export async function* decodeWithProgram(command: DecoderCommand, input: DecoderInput, signal?: AbortSignal): AsyncGenerator<Chunk> {
  const garbage = new GarbageBudget(PIPE_GARBAGE_BUDGET_BYTES, PIPE_FULL_COLLECTION_EVERY);
  const output = programOutput(command.format, command.args, { input: isFileInput(input) ? input.file : input, signal });
  try {
    for await (const data of output) {
      yield unpooled(data);
      // Pipe reads are fresh buffers: collect them every MiB so RSS stays flat (system/garbage.ts).
      await garbage.spend(data.length);
    }
  } catch (error) {
    if (error instanceof ProgramError) throw decodeError(command, error);
    throw error;
  }
}

function decodeError(command: DecoderCommand, error: ProgramError): DecodeError {
  if (error.notInstalled) return new MissingProgramError(command.format);
  if (error.exit?.signal) {
    return new DecodeError(
      command.format,
      `the ${command.format} decoder was killed (${error.exit.signal})`,
      'the system may be short of memory (see the kernel log); the next run tries again',
    );
  }
  if (error.exit === undefined) return new DecodeError(command.format, error.message, 'check that the program can run', false);
  return command.failure(error.stderr);
}
