import type { FileHandle } from 'node:fs/promises';
import { MANIFEST_FILE, memberName, parseManifest } from './docker-archive.js';
import { MANIFEST_MAX } from './image-id.js';
import type { DecoderLimits } from './limits.js';
import { openArchive, openInsideImages, type ArchiveLocation } from './open.js';
import { editTar, KEEP, nameOf, parsePax, sizeOf } from './tar-edit.js';

// The archive's metadata (manifest.json and the image configs) read before it is sent, for
// archives that keep manifest.json last (docker save, podman save, skopeo): without it, the
// layers have passed before the loader knows which of them the engine holds.

/** An image config bigger than this is not read for its layers: the image goes whole. */
export const CONFIG_MAX = 4 * 1024 * 1024;
/** Small members kept while decoding (they may be configs), at most this much in all. */
const KEPT_MAX = 16 * 1024 * 1024;
const BLOCK = 512;

export interface ArchiveMetadata {
  manifest: Buffer;
  /** Members that may be image configs (small ones), by name. */
  members: Map<string, Buffer>;
}

/** The first member's name (undefined for an empty tar or one that starts with an extended header). */
export async function firstMemberName(location: ArchiveLocation, limits: DecoderLimits, signal?: AbortSignal): Promise<string | undefined> {
  const archive = await openArchive(location, limits, signal);
  try {
    const head: Buffer[] = [];
    let got = 0;
    for await (const chunk of archive.tar) {
      head.push(Buffer.from(chunk.data.subarray(0, BLOCK - got)));
      got += chunk.data.length;
      chunk.release();
      if (got >= BLOCK) break;
    }
    const raw = Buffer.concat(head);
    if (raw.length < BLOCK || raw.every((byte) => byte === 0)) return undefined;
    const type = String.fromCharCode(raw[156] ?? 0);
    return type === 'x' || type === 'L' ? undefined : memberName(nameOf(raw));
  } finally {
    await archive.close();
  }
}

/** A plain tar, header to header: one read per member, never a layer's bytes. */
export async function readTarMetadata(location: ArchiveLocation): Promise<ArchiveMetadata | undefined> {
  const file = await openInsideImages(location);
  try {
    const small = new Map<string, { offset: number; size: number }>();
    let manifest: Buffer | undefined;
    const header = Buffer.alloc(BLOCK);
    let offset = 0;
    let longName: string | undefined;
    for (;;) {
      const { bytesRead } = await file.read(header, 0, BLOCK, offset);
      if (bytesRead < BLOCK || header.every((byte) => byte === 0)) break;
      const size = sizeOf(header);
      const type = String.fromCharCode(header[156] ?? 0);
      const body = offset + BLOCK;
      offset = body + Math.ceil(size / BLOCK) * BLOCK;
      if (type === 'L' || type === 'x') {
        const content = await readAt(file, body, Math.min(size, 64 * 1024));
        longName = type === 'L' ? content.toString('utf8').replace(/\0.*$/s, '') : (parsePax(content).path ?? longName);
        continue;
      }
      const name = memberName(longName ?? nameOf(header));
      longName = undefined;
      if (name === MANIFEST_FILE && size <= MANIFEST_MAX) manifest = await readAt(file, body, size);
      else if (size <= CONFIG_MAX) small.set(name, { offset: body, size });
    }
    if (!manifest) return undefined;
    const members = new Map<string, Buffer>();
    for (const item of parseManifest(manifest) ?? []) {
      const name = memberName(item.Config);
      const where = small.get(name);
      if (where) members.set(name, await readAt(file, where.offset, where.size));
    }
    return { manifest, members };
  } finally {
    await file.close();
  }
}

/** A compressed archive, decoded once without sending: only manifest.json and small members are kept. */
export async function decodeMetadata(location: ArchiveLocation, limits: DecoderLimits, signal?: AbortSignal): Promise<ArchiveMetadata | undefined> {
  const archive = await openArchive(location, limits, signal);
  try {
    let manifest: Buffer | undefined;
    const members = new Map<string, Buffer>();
    let kept = 0;
    const walk = editTar(archive.tar, (member) => {
      if (member.name === MANIFEST_FILE) return { kind: 'read', max: MANIFEST_MAX, replace: (body) => void (manifest = body) };
      // Configs are small JSON (docker/podman save: <hex>.json; Docker 25+: a blob of a few KiB).
      const candidate = member.name.endsWith('.json') ? member.size <= CONFIG_MAX : member.size <= 64 * 1024;
      if (!candidate || kept + member.size > KEPT_MAX) return KEEP;
      kept += member.size;
      return { kind: 'read', max: CONFIG_MAX, replace: (body) => void members.set(member.name, body) };
    });
    for await (const chunk of walk) chunk.release();
    return manifest ? { manifest, members } : undefined;
  } finally {
    await archive.close();
  }
}

async function readAt(file: FileHandle, offset: number, size: number): Promise<Buffer> {
  const buffer = Buffer.alloc(size);
  const { bytesRead } = await file.read(buffer, 0, size, offset);
  return buffer.subarray(0, bytesRead);
}
