import { withSize } from '../tar-edit.js';

// A member whose frame is not decoded still goes to the engine as its header with size 0 (the
// editor's EMPTY: the header kept, the size and checksum rewritten), so that header has to be
// made without its frame. pack writes every header alike (fixed mode, owner and mtime), so
// a decoded one with the name replaced is it; the archive's own headers prove it before use.

const NAME_BYTES = 100;
const PREFIX = { start: 345, end: 500 };

/**
 * What makes the size-0 header of any member by name, from the headers of frame 0 (`seen`,
 * raw 512-byte blocks by member name): undefined unless it remakes every one of them exactly
 * (an archive another writer made, a name too long for one field), and then the archive is
 * decoded whole.
 */
export function emptyHeaderMaker(seen: ReadonlyMap<string, Buffer>): ((name: string) => Buffer | undefined) | undefined {
  const template = seen.values().next().value;
  if (template === undefined) return undefined;
  const make = (name: string): Buffer | undefined => {
    if (Buffer.byteLength(name) > NAME_BYTES) return undefined;
    const header = Buffer.from(template);
    header.fill(0, 0, NAME_BYTES);
    header.write(name, 0, NAME_BYTES, 'utf8');
    header.fill(0, PREFIX.start, PREFIX.end);
    return withSize(header, 0);
  };
  for (const [name, header] of seen) {
    if (!make(name)?.equals(withSize(header, 0))) return undefined;
  }
  return make;
}
