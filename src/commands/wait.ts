import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type EngineSettings } from './connect.js';
import { ExitCode, messageOf, UsageError } from '../errors.js';
import { parseReference, type ImageReference } from '../list/reference.js';
import type { Logger } from '../system/log.js';

const POLL_MS = 500;

/**
 * For an application unit that needs one image, not the whole run:
 * `ExecStartPre=/usr/bin/preload-daemon wait registry.local/app:1.2`. Asks the engine
 * itself, so it works whoever loads the image (this daemon, a pull, a manual load).
 */
export async function runWait(settings: EngineSettings, names: string[], timeoutSeconds: number, log: Logger, signal: AbortSignal): Promise<ExitCode> {
  const refs: ImageReference[] = names.map((name) => {
    const parsed = parseReference(name);
    if (!parsed.ok) throw new UsageError(`wait: invalid reference "${name}": ${parsed.reason}`);
    return parsed.ref;
  });
  const deadline = Date.now() + timeoutSeconds * 1000;
  const engine = await connect(settings, log, { signal, waitSeconds: Math.min(settings.waitEngine, timeoutSeconds) });
  let missing = refs;
  let lastError: string | undefined;
  for (;;) {
    // An engine restarting meanwhile is "still missing", not a failure: keep asking until the deadline.
    const found = await Promise.all(
      missing.map((ref) =>
        engine.find(ref).catch((error: unknown) => {
          if (lastError === undefined) log.warn(`the engine did not answer (${messageOf(error)}); still waiting`);
          lastError = messageOf(error);
          return undefined;
        }),
      ),
    );
    missing = missing.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return ExitCode.ok;
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS, undefined, { signal });
  }
  const engineNote = lastError === undefined ? '' : ` (last engine error: ${lastError})`;
  log.error(`still missing after ${timeoutSeconds} s: ${missing.map((r) => r.nameTag).join(', ')}${engineNote}. Check \`systemctl status preload-daemon-*.service\` and \`preload-daemon status\``);
  return ExitCode.entriesFailed;
}
