import type { FileHandle } from 'node:fs/promises';
import type { Chunk } from '../chunk.js';
import { READ_CHUNK_BYTES } from '../limits.js';
import { readFileChunks } from '../read-file.js';

/**
 * What a decoder reads: the archive file itself (a decoder program then reads it directly, with
 * no copy through Node), or chunks someone else reads (pack hashes a layer blob as it streams).
 */
export type DecoderInput = AsyncIterable<Chunk> | { file: FileHandle };

export function isFileInput(input: DecoderInput): input is { file: FileHandle } {
  return !(Symbol.asyncIterator in input);
}

export function chunksOf(input: DecoderInput, signal?: AbortSignal): AsyncIterable<Chunk> {
  return isFileInput(input) ? readFileChunks(input.file, READ_CHUNK_BYTES, signal) : input;
}
