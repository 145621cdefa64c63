import { quoted } from '../system/quote.js';
// Docker's reference grammar (distribution/reference), so a list is judged the way
// `docker pull`/`podman pull` would judge it, before anything reaches an engine.

export interface ImageReference {
  /** Registry host[:port], or undefined when the name has none (engines add their own default). */
  domain: string | undefined;
  /** Path components after the domain, e.g. `library/debian` or `app`. */
  path: string;
  tag: string;
  digest: string | undefined;
  /** `name:tag` exactly as written (tag defaulted to `latest`), without digest. */
  nameTag: string;
}

const ALNUM = '[a-z0-9]+';
const SEPARATOR = '(?:[_.]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEPARATOR}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[[a-fA-F0-9:]+\\]';
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;

const pathComponentRe = new RegExp(`^${PATH_COMPONENT}$`);
const domainRe = new RegExp(`^${DOMAIN}$`);
const tagRe = /^[\w][\w.-]{0,127}$/;
// What the engines accept (distribution's digest.Parse): a known algorithm, lowercase hex of its length.
const digestRe = /^(?:sha256:[0-9a-f]{64}|sha384:[0-9a-f]{96}|sha512:[0-9a-f]{128})$/;
const NAME_MAX = 255;

export type ParseResult = { ok: true; ref: ImageReference } | { ok: false; reason: string };

/**
 * The first component is a registry when it looks like a host: has a dot or port, or is
 * `localhost`. An upper-case one without either (`ADV/app`) is not taken for a registry:
 * Docker's own parser would, and then fail at the engine asking a host `ADV` for a pull;
 * here it is a repository name that must be lowercase, said on the list's line.
 */
function splitDomain(name: string): [string | undefined, string] {
  const slash = name.indexOf('/');
  if (slash === -1) return [undefined, name];
  const first = name.slice(0, slash);
  const isDomain = /[.:]/.test(first) || first === 'localhost' || first.startsWith('[');
  return isDomain ? [first, name.slice(slash + 1)] : [undefined, name];
}

export function parseReference(input: string): ParseResult {
  if (input === '') return { ok: false, reason: 'empty image reference' };
  let rest = input;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!digestRe.test(digest)) return { ok: false, reason: `invalid digest ${quoted(digest)}` };
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!tagRe.test(tag)) return { ok: false, reason: `invalid tag ${quoted(tag)}: up to 128 letters, digits, '_', '.', '-', not starting with '.' or '-'` };
  }
  const name = rest;
  if (name === '') return { ok: false, reason: 'missing repository name' };
  if (name.length > NAME_MAX) return { ok: false, reason: `repository name longer than ${NAME_MAX} characters` };
  const [domain, path] = splitDomain(name);
  if (domain !== undefined && !domainRe.test(domain)) return { ok: false, reason: `invalid registry ${quoted(domain)}` };
  for (const [index, component] of path.split('/').entries()) {
    if (pathComponentRe.test(component)) continue;
    if (pathComponentRe.test(component.toLowerCase())) {
      const registry = index === 0 && domain === undefined && path.includes('/') ? `; a registry name needs a dot or a port (${component.toLowerCase()}.example:5000/…)` : '';
      return { ok: false, reason: `repository name must be lowercase (${quoted(name)})${registry}` };
    }
    return { ok: false, reason: `invalid repository name component ${quoted(component)} in ${quoted(name)}` };
  }
  const effectiveTag = tag ?? 'latest';
  return { ok: true, ref: { domain, path, tag: effectiveTag, digest, nameTag: `${name}:${effectiveTag}` } };
}

/** How Docker names it: short names live under docker.io, single components under library/. */
export function dockerCanonical(ref: ImageReference): string {
  return qualify(ref.domain ?? 'docker.io', ref);
}

/** How Podman names it after a load: names without a registry are stored under localhost/. */
export function podmanCanonical(ref: ImageReference): string {
  return qualify(ref.domain ?? 'localhost', ref);
}

function qualify(domain: string, ref: ImageReference): string {
  const path = domain === 'docker.io' && !ref.path.includes('/') ? `library/${ref.path}` : ref.path;
  return `${domain}/${path}:${ref.tag}`;
}
