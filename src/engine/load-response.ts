// What an engine says about a load. dockerd answers HTTP 200 and reports failures as
// `errorDetail` inside its JSON-lines stream; Podman answers 500 with one JSON object.
// Both say `Loaded image: name:tag` (Podman joins several names with commas). Lines that
// are not JSON are kept as text, and an unterminated last line still counts.

export interface LoadReport {
  /** Names the engine says it loaded, as it wrote them. */
  loaded: string[];
  /** IDs reported for untagged images (`Loaded image ID: sha256:…`). */
  loadedIds: string[];
  error: string | undefined;
  /** The first line of the answer that is not JSON (both engines answer JSON lines): said when nothing was loaded. */
  notJson?: string;
}

export function parseLoadResponse(status: number, text: string): LoadReport {
  const report: LoadReport = { loaded: [], loadedIds: [], error: undefined };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const message = parseLine(line);
    if (message.notJson) report.notJson ??= line;
    if (message.error !== undefined) report.error ??= message.error;
    for (const said of message.stream.split('\n')) noteLoaded(said.trim(), report);
  }
  if (status !== 200) report.error ??= `HTTP ${status}`;
  return report;
}

function parseLine(line: string): { stream: string; error: string | undefined; notJson?: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { stream: line, error: undefined, notJson: true };
  }
  if (typeof value !== 'object' || value === null) return { stream: String(value), error: undefined };
  const record = value as Record<string, unknown>;
  const detail = record.errorDetail as { message?: unknown } | undefined;
  const error = [detail?.message, record.error, record.message, record.cause].find((v) => typeof v === 'string' && v !== '');
  return { stream: typeof record.stream === 'string' ? record.stream : '', error: error as string | undefined };
}

function noteLoaded(said: string, report: LoadReport): void {
  const id = /^Loaded image ID: (\S+)$/.exec(said);
  if (id) {
    report.loadedIds.push(id[1]!);
    return;
  }
  const names = /^Loaded image(?:\(s\))?: (.+)$/.exec(said);
  if (names) report.loaded.push(...names[1]!.split(',').map((n) => n.trim()).filter(Boolean));
}

/** The message of an error response (Docker: `{"message"}`, Podman: `{"cause","message"}`). */
export function errorMessageOf(status: number, text: string): string {
  return parseLoadResponse(status, text).error ?? (text.trim() || `HTTP ${status}`);
}
