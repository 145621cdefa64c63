import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { encodeTocFrame, memberTarBytes, TOC_VERSION, type Toc, type TocFrame, type TocMember } from '../archive/seekable/toc.js';
import { drained } from '../system/drained.js';
import { createFrameCompressor, type CompressionSettings } from './compress.js';

/**
 * Members below this share a frame with their neighbours. A frame costs its header and a
 * fresh start of the compressor's history, so one per tiny member would add up; a layer of
 * this size or more is worth decoding (or skipping) on its own.
 */
export const SHARED_FRAME_BELOW = 1024 * 1024;

export interface PlannedMember {
  name: string;
  size: number;
}

export interface WrittenFrames {
  archiveBytes: number;
  archiveSha256: string;
  toc: Toc;
}

/**
 * Frames for a docker-archive's members: the first `metadataCount` (manifest.json, configs)
 * together in frame 0, so a reader gets every tag and config from one small frame; then each
 * large layer alone, small ones grouped until they reach SHARED_FRAME_BELOW. Returns the index
 * of the member each frame starts with.
 */
export function groupFrames(members: PlannedMember[], metadataCount: number): number[] {
  const starts = [0];
  let groupBytes = 0;
  for (let index = metadataCount; index < members.length; index++) {
    const bytes = memberTarBytes(members[index]!.size);
    if (index === metadataCount || groupBytes >= SHARED_FRAME_BELOW || bytes >= SHARED_FRAME_BELOW) {
      if (index > 0) starts.push(index);
      groupBytes = 0;
    }
    groupBytes += bytes;
  }
  return starts;
}

/**
 * Compress a tar stream whose members are exactly `members` (then the end-of-archive blocks)
 * into one zstd frame per group, then append the table of contents. One zstd process per
 * frame, one at a time, its output written to `out` as it comes: memory stays flat, and each
 * frame's bytes depend only on its input and the settings, so the file is reproducible.
 */
export async function writeSeekableZstd(
  tar: AsyncIterable<Buffer>,
  members: PlannedMember[],
  frameStarts: number[],
  settings: CompressionSettings,
  out: FileHandle,
): Promise<WrittenFrames> {
  const tocMembers: TocMember[] = [];
  let tarOffset = 0;
  for (const member of members) {
    tocMembers.push({ name: member.name, tarOffset, size: member.size });
    tarOffset += memberTarBytes(member.size);
  }
  const endOfArchive = 2 * 512;
  const tarBytes = tarOffset + endOfArchive;
  const frameTarOffsets = frameStarts.map((index) => tocMembers[index]!.tarOffset);
  const frameTarLengths = frameTarOffsets.map((offset, i) => (frameTarOffsets[i + 1] ?? tarBytes) - offset);

  const whole = createHash('sha256');
  let written = 0;
  const write = async (data: Buffer) => {
    whole.update(data);
    for (let done = 0; done < data.length; ) {
      const { bytesWritten } = await out.write(data, done, data.length - done, written);
      done += bytesWritten;
      written += bytesWritten;
    }
  };

  const frames: TocFrame[] = [];
  let frame: OpenFrame | undefined;
  let left = 0;
  // The compressor's output is written while it is fed: the frame starts where the file ends now.
  let frameOffset = 0;
  const startFrame = () => {
    left = frameTarLengths[frames.length]!;
    frameOffset = written;
    return openFrame(createFrameCompressor(settings, left), write);
  };
  try {
    for await (const chunk of tar) {
      let rest = chunk;
      while (rest.length > 0) {
        if (frame === undefined) {
          if (frames.length === frameTarLengths.length) throw new Error(`the tar stream is longer than its ${tarBytes} planned bytes`);
          frame = startFrame();
        }
        const take = Math.min(left, rest.length);
        await frame.feed(rest.subarray(0, take));
        rest = rest.subarray(take);
        left -= take;
        if (left === 0) {
          const { sha256 } = await frame.finish();
          const index = frames.length;
          frames.push({ offset: frameOffset, length: written - frameOffset, tarOffset: frameTarOffsets[index]!, tarLength: frameTarLengths[index]!, sha256 });
          frame = undefined;
        }
      }
    }
    if (frames.length !== frameTarLengths.length) throw new Error(`the tar stream ended before its ${tarBytes} planned bytes`);
  } catch (error) {
    frame?.abort();
    throw error;
  }
  const toc: Toc = { version: TOC_VERSION, framesBytes: written, tarBytes, frames, members: tocMembers };
  await write(encodeTocFrame(toc));
  return { archiveBytes: written, archiveSha256: whole.digest('hex'), toc };
}

interface OpenFrame {
  feed(data: Buffer): Promise<void>;
  finish(): Promise<{ sha256: string }>;
  abort(): void;
}

/** A compressor whose output is written out (and hashed) while it is being fed. */
function openFrame(compressor: Duplex, write: (data: Buffer) => Promise<void>): OpenFrame {
  const hash = createHash('sha256');
  const draining = (async () => {
    for await (const data of compressor as AsyncIterable<Buffer>) {
      hash.update(data);
      await write(data);
    }
  })();
  // Seen by finish(); until then an early failure must not be an unhandled rejection.
  draining.catch(() => {});
  return {
    async feed(data) {
      // A compressor that failed takes nothing more; finish() reports why.
      if (compressor.destroyed) throw compressor.errored ?? new Error('the zstd compressor stopped');
      if (!compressor.write(data)) await drained(compressor);
    },
    async finish() {
      compressor.end();
      await draining;
      return { sha256: hash.digest('hex') };
    },
    abort() {
      compressor.destroy();
    },
  };
}
