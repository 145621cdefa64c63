import path from 'node:path';
import { z } from 'zod';
import type { ListEntry, ListProblem } from './entry.js';
import { POLICIES } from './policy.js';
import { parseReference } from './reference.js';

// Extra `key=value` fields after `<archive> <name[:tag]>`. Unknown keys are only a warning,
// so a list written by a newer `pack` still loads on an older device.
const fieldsSchema = z.object({
  id: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256: followed by 64 lowercase hex digits').optional(),
  size: z.string().regex(/^\d+$/, 'must be a whole number of bytes').transform(Number).optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits').optional(),
  policy: z.enum(POLICIES).optional(),
  delete: z.enum(['yes', 'no', 'true', 'false']).transform((v) => v === 'yes' || v === 'true').optional(),
});
const KNOWN_KEYS = new Set(Object.keys(fieldsSchema.shape));

export interface ParsedList {
  entries: ListEntry[];
  problems: ListProblem[];
}

/** Parse one image.list (ISAR format plus optional fields). Pure: no file access. */
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
      problems.push({ list: listPath, line, reason, severity });
    const [archiveName, refText, ...extra] = content.split(/\s+/);
    if (archiveName === undefined || refText === undefined) {
      problem(`expected "<archive> <name[:tag]>", got "${content}"`);
      return;
    }
    const pathError = checkArchiveName(archiveName);
    if (pathError) {
      problem(pathError);
      return;
    }
    const parsed = parseReference(refText);
    if (!parsed.ok) {
      problem(`invalid reference "${refText}": ${parsed.reason}`);
      return;
    }
    const fields = parseFields(extra, problem);
    if (fields === undefined) return;
    if (parsed.ref.digest !== undefined) {
      problem(`digest in "${refText}" cannot be checked against a docker-archive and is ignored; use id=sha256:… to pin the image`, 'warning');
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
  if (path.isAbsolute(name)) return `archive path "${name}" must be relative to the images/ folder beside the list`;
  if (name.split('/').includes('..')) return `archive path "${name}" leaves the images/ folder ("..")`;
  return undefined;
}

function parseFields(
  tokens: string[],
  problem: (reason: string, severity?: ListProblem['severity']) => void,
): z.infer<typeof fieldsSchema> | undefined {
  const raw: Record<string, string> = {};
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq <= 0) {
      problem(`unexpected field "${token}": extra fields are key=value`);
      return undefined;
    }
    const key = token.slice(0, eq);
    if (!KNOWN_KEYS.has(key)) {
      problem(`unknown field "${key}" ignored (known: ${[...KNOWN_KEYS].join(', ')})`, 'warning');
      continue;
    }
    raw[key] = token.slice(eq + 1);
  }
  const result = fieldsSchema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  problem(`invalid field ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  return undefined;
}
