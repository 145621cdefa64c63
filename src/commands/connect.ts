import type { Settings } from '../config/settings.js';
import { connectEngine } from '../engine/connect.js';
import type { Engine } from '../engine/engine.js';
import type { Logger } from '../system/log.js';

export type EngineSettings = Pick<Settings, 'engine' | 'socket' | 'waitEngine'>;

/** How every command reaches the engine: the settings' choice, waiting (and saying so) at boot. */
export function connect(
  settings: EngineSettings & { loadTimeout?: number; stallTimeout?: number },
  log: Logger,
  options: { signal?: AbortSignal; waitSeconds?: number } = {},
): Promise<Engine> {
  const waitSeconds = options.waitSeconds ?? settings.waitEngine;
  return connectEngine({
    engine: settings.engine,
    socket: settings.socket,
    waitSeconds,
    loadTimeoutSeconds: settings.loadTimeout,
    stallTimeoutSeconds: settings.stallTimeout,
    signal: options.signal,
    onWaiting: (socket, reason) => log.warn(`waiting up to ${waitSeconds} s for the engine on ${socket} (${reason})`),
  });
}
