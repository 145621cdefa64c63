import { dockerCanonical, parseReference, podmanCanonical, type ImageReference } from '../list/reference.js';

export type EngineKind = 'docker' | 'podman';

/**
 * Where a load of an archive whose RepoTag has no registry puts it: Docker
 * `docker.io/library/app:1`, Podman `localhost/app:1`.
 */
export function storedName(kind: EngineKind, ref: ImageReference): string {
  return kind === 'docker' ? dockerCanonical(ref) : podmanCanonical(ref);
}

/**
 * Every spelling under which the engine may hold a list name, best first. Docker normalises
 * every name to one form. Podman keeps a qualified RepoTag as written (`podman save` and
 * skopeo write `docker.io/…`) but files an unqualified one under `localhost/`, so an
 * unqualified list name is satisfied by either; `localhost/` comes first because Podman's
 * short-name lookup tries it before the search registries.
 */
export function acceptedNames(kind: EngineKind, ref: ImageReference): string[] {
  if (kind === 'docker' || ref.domain !== undefined) return [dockerCanonical(ref)];
  return [podmanCanonical(ref), dockerCanonical(ref)];
}

/**
 * What a `reference` filter of GET /images/json must say to find the image under NAME (a full
 * name, as acceptedNames gives it). Docker matches the filter against its familiar spelling
 * only (measured with curl on 20.10 and 26.1: `org/app:1.0` finds the image,
 * `docker.io/org/app:1.0` nothing); the full name goes too, which costs nothing since Docker ORs
 * the filters. Podman matches the full name.
 */
export function filterSpellings(kind: EngineKind, name: string): string[] {
  if (kind !== 'docker') return [name];
  const familiar = name.replace(/^docker\.io\/(?:library\/(?=[^/]+$))?/, '');
  return familiar === name ? [name] : [familiar, name];
}

/** A tag as the engine reports it, in its full form (Docker reports `app:1` for docker.io/library/app:1). */
export function canonicalTag(kind: EngineKind, tag: string): string | undefined {
  const parsed = parseReference(tag);
  return parsed.ok ? storedName(kind, parsed.ref) : undefined;
}

export function canonicalTags(kind: EngineKind, tags: readonly string[]): string[] {
  return tags.flatMap((tag) => canonicalTag(kind, tag) ?? []);
}

/**
 * The accepted spelling of the list name that these tags carry, if any. Matching is exact:
 * Podman's own lookup of `app:1.0` also finds `localhost/demo/app:1.0` (seen on 4.3), which is
 * another image.
 */
export function matchingName(kind: EngineKind, tags: readonly string[], ref: ImageReference): string | undefined {
  const carried = new Set(canonicalTags(kind, tags));
  return acceptedNames(kind, ref).find((name) => carried.has(name));
}

export function hasTag(kind: EngineKind, tags: readonly string[], ref: ImageReference): boolean {
  return matchingName(kind, tags, ref) !== undefined;
}

/**
 * Why none of the accepted spellings can appear, when the archive carried the same repository
 * and tag under a spelling this engine never equates with the list's: one line for the user.
 */
export function spellingMismatch(kind: EngineKind, ref: ImageReference, carried: readonly string[]): string | undefined {
  const samePathAndTag = (name: string) => {
    const parsed = parseReference(name);
    return parsed.ok && parsed.ref.tag === ref.tag && stripLibrary(parsed.ref.path) === stripLibrary(ref.path) ? parsed.ref : undefined;
  };
  for (const name of carried) {
    const other = samePathAndTag(name);
    if (!other) continue;
    if (kind === 'docker' && other.domain === 'localhost' && ref.domain === undefined) {
      return `Docker has no localhost/ short-name rule: it keeps ${name} apart from ${ref.nameTag}; write ${name} in the list, or save the image as ${ref.nameTag} (docker save, skopeo, preload-daemon pack SOURCE=${ref.nameTag})`;
    }
    if (kind === 'podman' && other.domain === 'localhost' && ref.domain === 'docker.io') {
      return `Podman files the archive's unqualified name under localhost/ (${name}), which a docker.io/ name never matches; write ${stripLibrary(ref.path)}:${ref.tag} in the list, or save the archive with a qualified name (podman save, skopeo, preload-daemon pack SOURCE=${ref.nameTag})`;
    }
  }
  return undefined;
}

function stripLibrary(path: string): string {
  return path.startsWith('library/') ? path.slice('library/'.length) : path;
}
