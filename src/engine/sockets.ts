import { UsageError } from '../errors.js';
import type { EngineKind } from './names.js';

export type EngineChoice = EngineKind | 'auto';

/** The variables the docker and podman CLIs read, honoured the same way (unix:// only). */
const HOST_VARIABLES: Record<EngineKind, string> = { docker: 'DOCKER_HOST', podman: 'CONTAINER_HOST' };

/** Where `auto` looks, in order (rootful Docker, rootful Podman, rootless Podman). */
export function candidateSockets(choice: EngineChoice, env: NodeJS.ProcessEnv = process.env): string[] {
  const rootless = env.XDG_RUNTIME_DIR ? [`${env.XDG_RUNTIME_DIR}/podman/podman.sock`] : [];
  if (choice === 'docker') return ['/run/docker.sock'];
  if (choice === 'podman') return ['/run/podman/podman.sock', ...rootless];
  return ['/run/docker.sock', '/run/podman/podman.sock', ...rootless];
}

/**
 * The sockets to try, first that answers: --socket; else DOCKER_HOST (docker) / CONTAINER_HOST
 * (podman), both for auto; else the usual places. `explicit` sockets are retried even while
 * they do not exist yet; the usual places only once they exist.
 */
export function socketsToTry(choice: EngineChoice, socket: string | undefined, env: NodeJS.ProcessEnv = process.env): { sockets: string[]; explicit: boolean } {
  if (socket) return { sockets: [socket], explicit: true };
  const kinds: EngineKind[] = choice === 'auto' ? ['docker', 'podman'] : [choice];
  const fromEnv = kinds.flatMap((kind) => {
    const value = env[HOST_VARIABLES[kind]];
    return value ? [unixPath(HOST_VARIABLES[kind], value)] : [];
  });
  if (fromEnv.length > 0) return { sockets: fromEnv, explicit: true };
  return { sockets: candidateSockets(choice, env), explicit: false };
}

function unixPath(variable: string, value: string): string {
  const path = value.startsWith('unix://') ? value.slice('unix://'.length) : undefined;
  if (!path?.startsWith('/')) {
    throw new UsageError(`${variable}=${value}: only unix:///PATH sockets are supported`, { hint: `unset ${variable} or pass --socket PATH` });
  }
  return path;
}
