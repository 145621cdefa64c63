import { dockerCanonical, parseReference, podmanCanonical, type ImageReference } from '../list/reference.js';

export type EngineKind = 'docker' | 'podman';

/** The name the engine stores for a reference: Docker `docker.io/library/app:1`, Podman `localhost/app:1`. */
export function storedName(kind: EngineKind, ref: ImageReference): string {
  return kind === 'docker' ? dockerCanonical(ref) : podmanCanonical(ref);
}

/** The tags an engine reports, in that engine's full form (Docker reports `app:1` for docker.io/library/app:1). */
export function canonicalTags(kind: EngineKind, tags: readonly string[]): string[] {
  return tags.flatMap((tag) => {
    const parsed = parseReference(tag);
    return parsed.ok ? [storedName(kind, parsed.ref)] : [];
  });
}

/**
 * Whether the engine's tags include exactly this image. Asking by name is not enough:
 * Podman resolves the short name `app:1.0` to `localhost/demo/app:1.0` too (seen on 4.3).
 */
export function hasTag(kind: EngineKind, tags: readonly string[], ref: ImageReference): boolean {
  return canonicalTags(kind, tags).includes(storedName(kind, ref));
}
