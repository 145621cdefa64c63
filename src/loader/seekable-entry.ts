import { MANIFEST_FILE } from '../archive/docker-archive.js';
import type { DecoderLimits } from '../archive/limits.js';
import { openArchive, openInsideImages, sniff, type OpenedArchive } from '../archive/open.js';
import { emptyHeaderMaker } from '../archive/seekable/empty-header.js';
import { framesFor, readMemberBlocks, readToc, verifyFrames } from '../archive/seekable/read.js';
import { sparseTar } from '../archive/seekable/sparse-tar.js';
import { frameAt, memberTarBytes, membersEnd, TAR_BLOCK, type TocMember } from '../archive/seekable/toc.js';
import { KEEP, type MemberEdit, type TarEditor } from '../archive/tar-edit.js';
import type { ListEntry } from '../list/entry.js';
import { entryTar, type EntryTar, type EntryTarOptions } from './entry-tar.js';

// One entry of a seekable .tar.zst (pack's layout: archive/seekable/) without decoding what it
// does not send: manifest.json and the configs come from frame 0, the entry's editor
// (entry-tar.ts) decides every member from them before a byte is sent, and only the frames
// holding members it sends with their data are checked and decoded; the rest go by as
// size-0 headers, as the editor would have sent them. A bundle of five images on one base
// then costs, for one image whose base is present, its own layer rather than the whole file.

export interface SeekablePlan {
  edit: EntryTar;
  /** The edit decided for each member while planning, replayed on the tar (each member is decided once, so edit.result counts it once). */
  editor: TarEditor;
  /** Tar bytes the decoder outputs for this entry (the frames it needs). */
  decodeBytes: number;
  /** Tar bytes the engine is sent. */
  sendBytes: number;
  /**
   * The archive to stream: the needed frames checked against their digests (a TocMismatch
   * before anything is sent), then decoded; when the entry needs every frame, the whole
   * stream decoded as any zstd archive.
   */
  open(): Promise<OpenedArchive>;
  /** The plan is not used: the file closes and loads waiting for this one's layers go on. */
  discard(): Promise<void>;
}

export type SeekableReading = { plan: SeekablePlan } | { mismatch: string } | undefined;

/** The table of contents says where everything is; undefined when the archive has none (any other archive). */
export async function planSeekable(entry: ListEntry, options: EntryTarOptions, limits: DecoderLimits, signal?: AbortSignal): Promise<SeekableReading> {
  const location = { archivePath: entry.archivePath, imagesDir: entry.imagesDir, context: entry };
  const file = await openInsideImages(location);
  let edit: EntryTar | undefined;
  try {
    const info = await sniff(file);
    const reading = info.format === 'zstd' ? await readToc(file) : { none: true as const };
    if (!('toc' in reading)) {
      await file.close();
      return 'mismatch' in reading ? { mismatch: reading.mismatch } : undefined;
    }
    const { toc } = reading;
    const metadataNames = toc.members.filter((member) => frameAt(toc, member.tarOffset) === toc.frames[0]).map((member) => member.name);
    if (!metadataNames.includes(MANIFEST_FILE)) {
      // Not the layout pack writes: nothing to gain from the table.
      await file.close();
      return undefined;
    }
    const blocks = await readMemberBlocks(file, toc, metadataNames, limits, signal);
    const contents = new Map([...blocks].map(([name, { content }]) => [name, content]));
    edit = entryTar(entry, { ...options, known: { manifest: contents.get(MANIFEST_FILE)!, members: contents } });
    const decisions = new Map<string, MemberEdit>();
    let sendBytes = toc.tarBytes - membersEnd(toc);
    for (const member of toc.members) {
      let decision = await edit.editor({ name: member.name, size: member.size, type: '0', fixedSize: false });
      if ((decision.kind === 'read' || decision.kind === 'hold') && member.size > decision.max) decision = KEEP;
      decisions.set(member.name, decision);
      sendBytes += await sentBytes(member, decision, contents.get(member.name));
    }
    const needed = toc.members.filter((member) => decisions.get(member.name)!.kind !== 'empty').map((member) => member.name);
    const frames = framesFor(toc, needed);
    const decoded = new Set(frames);
    const makeHeader = emptyHeaderMaker(new Map([...blocks].map(([name, { block }]) => [name, block.subarray(0, TAR_BLOCK)])));
    const headers = new Map<TocMember, Buffer | undefined>();
    for (const member of toc.members) if (!decoded.has(frameAt(toc, member.tarOffset)!)) headers.set(member, makeHeader?.(member.name));
    // Every frame needed, or headers this cannot remake (not pack's): the stream is decoded whole, as before.
    const whole = frames.length === toc.frames.length || [...headers.values()].includes(undefined);
    const replay: TarEditor = (member) => decisions.get(member.name) ?? edit!.editor(member);
    const chosen = edit;
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await file.close();
    };
    const plan: SeekablePlan = {
      edit: chosen,
      editor: replay,
      decodeBytes: whole ? toc.tarBytes : frames.reduce((sum, frame) => sum + frame.tarLength, 0),
      sendBytes,
      async open() {
        if (whole) {
          await close();
          return openArchive(location, limits, signal);
        }
        await verifyFrames(file, frames, signal);
        const sparse = sparseTar(file, toc, frames, (member) => headers.get(member)!, limits, signal);
        const decodes = { bytes: sparse.bytes, source: 'its table of contents' };
        return {
          format: 'zstd',
          bytes: info.bytes,
          tar: sparse.tar,
          decodes,
          declared: () => Promise.resolve(decodes),
          bytesRead: () => undefined,
          reading: () => ({ bytes: sparse.position(), total: toc.tarBytes }),
          close,
        };
      },
      async discard() {
        chosen.finish();
        await close();
      },
    };
    return { plan };
  } catch (error) {
    edit?.finish();
    await file.close();
    throw error;
  }
}

/** What the editor sends of MEMBER (as tar-edit.ts does): all of it, its header alone, or its replaced body. */
async function sentBytes(member: TocMember, decision: MemberEdit, body: Buffer | undefined): Promise<number> {
  if (decision.kind === 'empty') return TAR_BLOCK;
  // A held member (an OCI index.json kept for an archive without manifest.json) goes as it is.
  if (decision.kind === 'keep' || decision.kind === 'hold' || body === undefined) return memberTarBytes(member.size);
  return memberTarBytes(((await decision.replace(body)) ?? body).length);
}
