// Text that comes from files (a list line, a state file, a lock file) may hold anything: NUL
// bytes, terminal escapes, a megabyte on one line. It reaches the journal only quoted the way
// JSON quotes strings, with the control characters JSON leaves alone escaped too, and cut.

/** What one echoed value may take of a line. */
export const QUOTED_MAX = 200;

/** `"text"`, escaped (JSON.stringify plus DEL, C1 controls and line separators), cut at MAX characters with `…`. */
export function quoted(text: string, max = QUOTED_MAX): string {
  const chars = [...text];
  const kept = chars.length > max ? `${chars.slice(0, max).join('')}…` : text;
  return JSON.stringify(kept).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
