import { EngineTooOldError } from '../errors.js';

// Every engine call carries /v<version> (Docker documents unversioned paths as deprecated):
// the engine's own Api-Version from /_ping, capped at the newest we know our calls behave
// the same on. Docker 20.10 speaks 1.41, Podman's compat API says its own (4.3: 1.41);
// Docker 25+ refuses clients below 1.44 and serves older versions down to its minimum.

/** Newest API whose image endpoints (inspect, load, tag, get, info) we rely on as they are. */
export const NEWEST_KNOWN_API = '1.47';
/** /images/load?quiet and the inspect fields we read exist since 1.24 (Docker 1.12). */
export const OLDEST_USABLE_API = '1.24';

function parts(version: string): [number, number] {
  const [major, minor] = version.split('.').map(Number);
  return [major ?? 0, minor ?? 0];
}

function older(a: string, b: string): boolean {
  const [amajor, aminor] = parts(a);
  const [bmajor, bminor] = parts(b);
  return amajor < bmajor || (amajor === bmajor && aminor < bminor);
}

/**
 * The version to speak with an engine that announced ANNOUNCED (undefined: it said nothing,
 * so paths stay unversioned). An engine too old for our calls is one clear error.
 */
export function negotiateApiVersion(announced: string | undefined, where: string): string | undefined {
  if (announced === undefined || !/^\d+\.\d+$/.test(announced)) return undefined;
  if (older(announced, OLDEST_USABLE_API)) {
    throw new EngineTooOldError(`the engine on ${where} speaks API ${announced}; preload-daemon needs ${OLDEST_USABLE_API} or newer`, {
      hint: 'update the engine (Docker 1.12 / Podman 3 or newer)',
    });
  }
  return older(announced, NEWEST_KNOWN_API) ? announced : NEWEST_KNOWN_API;
}

/** `/v1.41/images/…`, or the bare path when no version was negotiated. */
export function versioned(apiVersion: string | undefined, path: string): string {
  return apiVersion === undefined ? path : `/v${apiVersion}${path}`;
}
