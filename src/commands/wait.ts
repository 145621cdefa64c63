import { uptime } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, type EngineSettings } from './connect.js';
import type { Settings } from '../config/settings.js';
import { acceptedNames, type EngineKind } from '../engine/names.js';
import { ExitCode, messageOf, UsageError } from '../errors.js';
import { parseReference, type ImageReference } from '../list/reference.js';
import { StateFile, type FailureRecord } from '../state/state-file.js';
import { runningHolder } from '../system/lock.js';
import type { Logger } from '../system/log.js';

const POLL_MS = 500;

export type WaitSettings = EngineSettings & Pick<Settings, 'stateFile' | 'lockFile'>;

/**
 * For an application unit that needs one image, not the whole run:
 * `ExecStartPre=/usr/bin/preload-daemon wait registry.local/app:1.2`. Asks the engine
 * itself, so it works whoever loads the image (this daemon, a pull, a manual load). When this
 * boot's load run failed the image and no run is loading any more, waiting longer cannot help:
 * it stops at once, with the run's own reason (the archive and what was wrong with it).
 */
export async function runWait(settings: WaitSettings, names: string[], timeoutSeconds: number, log: Logger, signal: AbortSignal): Promise<ExitCode> {
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
    const failures = await failuresOf(settings, engine.kind, missing);
    if (failures.length > 0 && (await runningHolder(settings.lockFile)) === undefined) {
      for (const { ref, failure } of failures) log.error(`${ref.nameTag} is missing: this boot's load run failed it (${failure.at}): ${failure.message}`);
      return ExitCode.entriesFailed;
    }
    if (Date.now() >= deadline) break;
    await sleep(POLL_MS, undefined, { signal });
  }
  const engineNote = lastError === undefined ? '' : ` (last engine error: ${lastError})`;
  log.error(`still missing after ${timeoutSeconds} s: ${missing.map((r) => r.nameTag).join(', ')}${engineNote}. Check \`systemctl status preload-daemon-*.service\` and \`preload-daemon status\``);
  return ExitCode.entriesFailed;
}

/** Failures the state file records since this boot for the missing names, in any spelling the engine accepts. */
async function failuresOf(settings: WaitSettings, kind: EngineKind, missing: readonly ImageReference[]): Promise<Array<{ ref: ImageReference; failure: FailureRecord }>> {
  const state = await StateFile.open(settings.stateFile, () => {}, { readOnly: true });
  const bootedAt = Date.now() - uptime() * 1000;
  const recorded = [...state.failed()].flatMap(([nameTag, failure]) => {
    const parsed = parseReference(nameTag);
    return parsed.ok && Date.parse(failure.at) >= bootedAt ? [{ names: acceptedNames(kind, parsed.ref), failure }] : [];
  });
  return missing.flatMap((ref) => {
    const names = acceptedNames(kind, ref);
    const match = recorded.find((r) => r.names.some((name) => names.includes(name)));
    return match ? [{ ref, failure: match.failure }] : [];
  });
}
