import { unpooled, type Chunk } from './chunk.js';
import { memberName } from './docker-archive.js';

// A streaming editor of the decoded tar: every member is kept, emptied (its header says size 0
// and its bytes are skipped), read whole and replaced, or held back to the end of the archive
// and settled there (small metadata only). Kept bodies pass
// through as slices of the decoder's pooled chunks, so memory stays flat and backpressure is
// the consumer's; a pooled chunk goes back to its pool once every slice of it is released.

const BLOCK = 512;
/** An extended header (pax, GNU long name) bigger than this is not one a save tool writes. */
const EXTENDED_MAX = 64 * 1024;

export interface TarMember {
  /** The member's path, from a pax or GNU long name when there is one, without a leading `./`. */
  name: string;
  size: number;
  /** The header's type flag ('0' or '\0' for a file). */
  type: string;
  /** A pax header gives the size: such a member can only be kept as it is. */
  fixedSize: boolean;
}

export type MemberEdit =
  | { kind: 'keep' }
  | { kind: 'empty' }
  /** Hand the body (at most `max` bytes; larger ones are kept) to `replace`, which returns the new body or undefined to keep it. */
  | { kind: 'read'; max: number; replace: (body: Buffer) => Promise<Buffer | undefined> | Buffer | undefined }
  /**
   * Read the body (at most `max` bytes; larger ones are kept) and send the member last, just
   * before the end-of-archive blocks, with the body `settle` returns then (undefined: as it
   * was): what it should carry depends on members that come after it. Engines read a tar's
   * members by name, in any order.
   */
  | { kind: 'hold'; max: number; settle: (body: Buffer) => Buffer | undefined };

export type TarEditor = (member: TarMember) => MemberEdit | Promise<MemberEdit>;

export const KEEP: MemberEdit = { kind: 'keep' };
export const EMPTY: MemberEdit = { kind: 'empty' };

/** The input is no tar an engine would load: it ends inside a member, or a header is damaged. */
export class BrokenTarError extends Error {
  override name = 'BrokenTarError';
}

type Piece = Buffer | { start: number; end: number };

export async function* editTar(tar: AsyncIterable<Chunk>, edit: TarEditor): AsyncIterable<Chunk> {
  const header = Buffer.alloc(BLOCK);
  let headerFill = 0;
  let ended = false;
  /** Extended headers (raw, with their bodies) waiting for the member they describe. */
  let extended: Buffer[] = [];
  let longName: string | undefined;
  let paxPath: string | undefined;
  let paxSize = false;
  /** Tar bytes before the current chunk, and where the header being read starts. */
  let consumed = 0;
  let headerStart = 0;
  /** Members held back to the end ('hold'), raw: extended headers, header, body. */
  const held: Array<{ before: Buffer[]; raw: Buffer; content: Buffer; settle: (body: Buffer) => Buffer | undefined }> = [];
  const settled = (): Buffer[] =>
    held.splice(0).flatMap(({ before, raw, content, settle }) => {
      const out = settle(content) ?? content;
      return [...before, withSize(raw, out.length), out, Buffer.alloc((BLOCK - (out.length % BLOCK)) % BLOCK)];
    });
  let body: { mode: 'pass' | 'skip' | 'collect'; left: number; padding: number; parts: Buffer[]; done?: (body: Buffer) => Promise<Buffer[]> } | undefined;

  for await (const chunk of tar) {
    const data = chunk.data;
    const pieces: Piece[] = [];
    let at = 0;
    while (at < data.length) {
      if (ended) {
        pieces.push({ start: at, end: data.length });
        at = data.length;
        break;
      }
      if (body) {
        const content = Math.min(body.left, data.length - at);
        if (content > 0) {
          if (body.mode === 'pass') pieces.push({ start: at, end: at + content });
          else if (body.mode === 'collect') body.parts.push(Buffer.from(data.subarray(at, at + content)));
          body.left -= content;
          at += content;
          continue;
        }
        const padding = Math.min(body.padding, data.length - at);
        if (padding > 0) {
          if (body.mode === 'pass') pieces.push({ start: at, end: at + padding });
          body.padding -= padding;
          at += padding;
          continue;
        }
        const finished = body;
        body = undefined;
        if (finished.done) for (const piece of await finished.done(Buffer.concat(finished.parts))) pieces.push(piece);
        continue;
      }
      if (headerFill === 0) headerStart = consumed + at;
      const take = Math.min(BLOCK - headerFill, data.length - at);
      data.copy(header, headerFill, at, at + take);
      headerFill += take;
      at += take;
      if (headerFill < BLOCK) break;
      headerFill = 0;
      const raw = Buffer.from(header);
      if (raw.every((byte) => byte === 0)) {
        ended = true;
        pieces.push(...settled(), ...extended, raw);
        extended = [];
        continue;
      }
      // Both engines refuse a header whose checksum is wrong, but only after the whole upload has
      // been staged (dockerd) or with a reason about formats (Podman): say it here, at once.
      if (!checksumMatches(raw)) throw new BrokenTarError(`the tar header at byte ${headerStart} is damaged (its checksum does not match)`);
      const type = String.fromCharCode(raw[156] ?? 0);
      const size = sizeOf(raw);
      const padding = (BLOCK - (size % BLOCK)) % BLOCK;
      const collect = (done: (content: Buffer) => Promise<Buffer[]>) => ({ mode: 'collect' as const, left: size, padding, parts: [], done });
      if ((type === 'x' || type === 'L') && size <= EXTENDED_MAX) {
        body = collect(async (content) => {
          extended.push(raw, content, Buffer.alloc(padding));
          if (type === 'L') longName = content.toString('utf8').replace(/\0.*$/s, '');
          else {
            const pax = parsePax(content);
            if (pax.path !== undefined) paxPath = pax.path;
            if (pax.size) paxSize = true;
          }
          return [];
        });
        continue;
      }
      const member: TarMember = { name: memberName(longName ?? paxPath ?? nameOf(raw)), size, type, fixedSize: paxSize };
      const before = extended;
      extended = [];
      longName = undefined;
      paxPath = undefined;
      paxSize = false;
      const isFile = type === '0' || type === '\0' || type === '7';
      let action = isFile && !member.fixedSize ? await edit(member) : KEEP;
      if ((action.kind === 'read' || action.kind === 'hold') && size > action.max) action = KEEP;
      if (action.kind === 'keep') {
        pieces.push(...before, raw);
        body = { mode: 'pass', left: size, padding, parts: [] };
      } else if (action.kind === 'empty') {
        pieces.push(...before, withSize(raw, 0));
        body = { mode: 'skip', left: size, padding, parts: [] };
      } else if (action.kind === 'hold') {
        const settle = action.settle;
        body = collect(async (content) => {
          held.push({ before, raw, content, settle });
          return [];
        });
      } else {
        const replace = action.replace;
        body = collect(async (content) => {
          const out = (await replace(content)) ?? content;
          return [...before, withSize(raw, out.length), out, Buffer.alloc((BLOCK - (out.length % BLOCK)) % BLOCK)];
        });
      }
    }
    consumed += data.length;
    yield* emit(chunk, pieces);
  }
  if (body?.done && body.left === 0 && body.padding === 0) {
    // The last member's body ended exactly with the input.
    const finished = body;
    body = undefined;
    for (const piece of await finished.done!(Buffer.concat(finished.parts))) if (Buffer.isBuffer(piece)) yield unpooled(piece);
  }
  if (!ended && (headerFill > 0 || (body !== undefined && (body.left > 0 || body.padding > 0)) || extended.length > 0)) {
    throw new BrokenTarError('the tar ends in the middle of a file (truncated?)');
  }
  // A tar without end-of-archive blocks (some writers stop after the last member).
  if (!ended) for (const piece of settled()) if (piece.length > 0) yield unpooled(piece);
}

/** The pieces of one input chunk in order; its buffer is released once every slice of it is. */
function* emit(chunk: Chunk, pieces: Piece[]): Iterable<Chunk> {
  const slices = pieces.filter((piece) => !Buffer.isBuffer(piece)).length;
  if (slices === 1 && pieces.length === 1) {
    const only = pieces[0] as { start: number; end: number };
    if (only.start === 0 && only.end === chunk.data.length) {
      yield chunk;
      return;
    }
  }
  let left = slices;
  if (left === 0) chunk.release();
  const releaseOne = () => {
    if (--left === 0) chunk.release();
  };
  for (const piece of pieces) {
    if (Buffer.isBuffer(piece)) {
      if (piece.length > 0) yield unpooled(piece);
      continue;
    }
    let released = false;
    yield {
      data: chunk.data.subarray(piece.start, piece.end),
      release: () => {
        if (released) return;
        released = true;
        releaseOne();
      },
    };
  }
}

function field(raw: Buffer, start: number, length: number): string {
  return raw.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
}

export function nameOf(raw: Buffer): string {
  const name = field(raw, 0, 100);
  const ustar = raw.subarray(257, 262).toString('ascii') === 'ustar';
  const prefix = ustar ? field(raw, 345, 155) : '';
  return prefix ? `${prefix}/${name}` : name;
}

export function sizeOf(raw: Buffer): number {
  // GNU base-256 for sizes over 8 GiB: the high bit of the first byte is set.
  if ((raw[124]! & 0x80) !== 0) {
    let size = 0;
    for (let i = 125; i < 136; i++) size = size * 256 + raw[i]!;
    return size;
  }
  const text = raw.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim();
  return text === '' ? 0 : Number.parseInt(text, 8);
}

/** The header's byte sum with its checksum field read as spaces, as POSIX defines the checksum. */
function headerSum(raw: Buffer): number {
  let sum = 8 * 0x20;
  for (let i = 0; i < BLOCK; i++) if (i < 148 || i >= 156) sum += raw[i]!;
  return sum;
}

function checksumMatches(raw: Buffer): boolean {
  const stored = Number.parseInt(raw.subarray(148, 156).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
  return stored === headerSum(raw);
}

/** A copy of the header with another size and its checksum recomputed. */
export function withSize(raw: Buffer, size: number): Buffer {
  const header = Buffer.from(raw);
  header.fill(0, 124, 136);
  header.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
  const sum = headerSum(header);
  header.fill(0, 148, 156);
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

export function parsePax(content: Buffer): { path?: string; size: boolean } {
  const result: { path?: string; size: boolean } = { size: false };
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    if (space === -1) break;
    const length = Number.parseInt(content.subarray(at, space).toString('ascii'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = content.subarray(space + 1, at + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    const key = record.slice(0, equals);
    if (key === 'path') result.path = record.slice(equals + 1);
    if (key === 'size') result.size = true;
    at += length;
  }
  return result;
}
