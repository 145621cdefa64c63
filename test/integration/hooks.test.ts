// The updater hooks shipped in hooks/, run the way RAUC, SWUpdate and Mender call them (their
// arguments and environment), against a real Docker and a real Podman: each stages the new
// release's images from its slot (a mounted folder, or an ext4 image the hook mounts read-only
// itself), the next boot loads nothing, and the old release's images go only when the hook says
// so (RAUC/SWUpdate: the release before the running one; Mender: at ArtifactCommit_Leave). The
// Mender inventory script's lines are checked against the same engine.
//
// The running release's lists live at RUN/usr/share/preload-daemon (PRELOAD_DAEMON_LIST); a
// slot holds its lists at that same path inside itself, as a real slot holds them at
// /usr/share/preload-daemon.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { cliPath, describeRun, runCli } from '../helpers/cli.js';
import { ENGINE_KINDS, enginePerSuite, tagSpellings, type TestEngine } from '../helpers/engines.js';
import { buildDockerArchive, type BuiltArchive } from '../helpers/fixtures.js';
import { writeListDir } from '../helpers/lists.js';
import { withLoadCounter } from '../helpers/load-counter.js';
import { repoRoot } from '../helpers/paths.js';

const TEST_TIMEOUT = { timeout: 300_000 };
const HOOKS = join(repoRoot(), 'hooks');
const IMAGES = ['zero', 'base', 'appA', 'appB'] as const;
type Image = (typeof IMAGES)[number];
const TAGS: Record<Image, string> = { zero: 'pd/zero:1', base: 'pd/base:1', appA: 'pd/app:a', appB: 'pd/app:b' };
const img = {} as Record<Image, BuiltArchive>;

before(async () => {
  const out = join('/var/tmp', `pd-hooks-fixtures-${process.pid}`);
  for (const name of IMAGES) img[name] = await buildDockerArchive({ repoTags: [TAGS[name]], files: { 'etc/name': `${name}\n` }, outDir: out, fileName: `${name}.tar` });
});

interface HookRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runHook(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<HookRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const describeHook = (r: HookRun) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

for (const kind of ENGINE_KINDS) {
  describe(`updater hooks against ${kind}`, () => {
    let engine: TestEngine;
    let work: string;
    enginePerSuite(kind, `pd-hooks-${kind}-`, (e, w) => {
      engine = e;
      work = w;
    });

    /** A device: the running release A (base, appA) loaded, zero:1 of an older release still recorded, and slot B's root (base, appB). */
    async function device(label: string) {
      const dir = join(work, label);
      const lists = join(dir, 'run', 'usr/share/preload-daemon');
      const bin = join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      // `preload-daemon` on PATH, as the package installs it.
      writeFileSync(join(bin, 'preload-daemon'), `#!/bin/sh\nexec ${process.execPath} ${cliPath()} "$@"\n`);
      chmodSync(join(bin, 'preload-daemon'), 0o755);
      const env: NodeJS.ProcessEnv = {
        PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
        PRELOAD_DAEMON_ENGINE: kind,
        PRELOAD_DAEMON_SOCKET: engine.socketPath,
        PRELOAD_DAEMON_STATE_FILE: join(dir, 'state.json'),
        PRELOAD_DAEMON_LOCK_FILE: join(dir, 'lock'),
        PRELOAD_DAEMON_LIST: lists,
        PRELOAD_DAEMON_WAIT_ENGINE: '30',
        TMPDIR: dir,
      };
      const line = (name: Image) => `${name}.tar ${TAGS[name]} id=${img[name].imageId}`;
      const release = (root: string, names: Image[]) => writeListDir(join(root, 'app'), names.map(line), Object.fromEntries(names.map((n) => [`${n}.tar`, img[n].path])));
      const daemon = (args: string[], socket = engine.socketPath) => runCli(args, { env: { ...env, PRELOAD_DAEMON_SOCKET: socket }, timeoutMs: 120_000 });
      // An older release's image, loaded through its own list with the same state file.
      const older = release(join(dir, 'older'), ['zero']);
      assert.equal((await daemon(['--list', older.dir])).code, 0);
      release(lists, ['base', 'appA']);
      const boot = await daemon([]);
      assert.equal(boot.code, 0, describeRun(boot));
      const slotB = join(dir, 'slot-b');
      release(join(slotB, lists), ['base', 'appB']);
      return { dir, env, lists, slotB, daemon };
    }

    /** slot B as an ext4 image (what the updater wrote to the inactive partition). */
    function ext4Image(slot: string, file: string): string {
      const made = spawnSync('mkfs.ext4', ['-q', '-F', '-d', slot, file, '32M'], { encoding: 'utf8' });
      assert.equal(made.status, 0, made.stderr);
      return file;
    }

    /** The reboot: the running root now carries B's lists; the boot loads nothing. */
    async function rebootIntoB(d: Awaited<ReturnType<typeof device>>): Promise<void> {
      rmSync(d.lists, { recursive: true, force: true });
      cpSync(join(d.slotB, d.lists), d.lists, { recursive: true, preserveTimestamps: true });
      await withLoadCounter(engine.socketPath, async (counter) => {
        const boot = await d.daemon([], counter.socketPath);
        assert.equal(boot.code, 0, describeRun(boot));
        assert.equal(counter.loadCount, 0, 'the first boot of B loads nothing');
      });
    }

    const has = async (name: Image) => (await engine.imageIdOf(TAGS[name])) === img[name].imageId;
    async function assertStore(expected: Partial<Record<Image, boolean>>): Promise<void> {
      const actual = Object.fromEntries(await Promise.all(Object.keys(expected).map(async (name) => [name, await has(name as Image)])));
      assert.deepEqual(actual, expected);
    }

    it('RAUC: slot-post-install stages slot B and prunes the release before the running one; other hooks and slot classes do nothing', TEST_TIMEOUT, async () => {
      const d = await device('rauc');
      const rauc = { RAUC_SLOT_CLASS: 'rootfs', RAUC_SLOT_NAME: 'rootfs.1', RAUC_SLOT_BOOTNAME: 'B', RAUC_SLOT_STATE: 'inactive', RAUC_SLOT_TYPE: 'ext4', RAUC_SLOT_DEVICE: '/dev/mmcblk0p3', RAUC_SLOT_MOUNT_POINT: d.slotB, RAUC_MOUNT_PREFIX: '/run/rauc', RAUC_IMAGE_NAME: 'rootfs.ext4', RAUC_IMAGE_CLASS: 'rootfs' };
      for (const [args, extra] of [[['slot-install'], {}], [['slot-post-install'], { RAUC_SLOT_CLASS: 'bootloader' }]] as const) {
        const idle = await runHook(join(HOOKS, 'rauc-hook'), [...args], { ...d.env, ...rauc, ...extra });
        assert.equal(idle.code, 0, describeHook(idle));
        assert.equal(await has('appB'), false, `${args.join(' ')} ${JSON.stringify(extra)} stages nothing`);
      }
      const r = await runHook(join(HOOKS, 'rauc-hook'), ['slot-post-install'], { ...d.env, ...rauc });
      assert.equal(r.code, 0, describeHook(r));
      await assertStore({ zero: false, base: true, appA: true, appB: true });
      await rebootIntoB(d);
    });

    it('SWUpdate: the postinstall script mounts the written partition read-only and stages it', TEST_TIMEOUT, async () => {
      const d = await device('swupdate');
      const image = ext4Image(d.slotB, join(d.dir, 'rootfs-b.ext4'));
      const pre = await runHook(join(HOOKS, 'swupdate-postinstall'), ['preinst', image], d.env);
      assert.equal(pre.code, 0, describeHook(pre));
      assert.equal(await has('appB'), false, 'preinst stages nothing');
      // type = "postinstall": SWUpdate runs `SCRIPT "" DATA`.
      const r = await runHook(join(HOOKS, 'swupdate-postinstall'), ['', image], d.env);
      assert.equal(r.code, 0, describeHook(r));
      await assertStore({ zero: false, base: true, appA: true, appB: true });
      assert.ok(!readFileSync('/proc/self/mounts', 'utf8').includes(d.dir), 'the hook unmounted the slot');
      await rebootIntoB(d);
    });

    it('Mender: ArtifactInstall_Leave stages the inactive partition of mender.conf; ArtifactCommit_Leave prunes the old release', TEST_TIMEOUT, async () => {
      const d = await device('mender');
      const image = ext4Image(d.slotB, join(d.dir, 'rootfs-b.ext4'));
      const conf = join(d.dir, 'mender.conf');
      writeFileSync(conf, JSON.stringify({ RootfsPartA: '/dev/pd-test-root-a', RootfsPartB: image }, null, 2));
      const mender = { ...d.env, PRELOAD_DAEMON_MENDER_CONF: conf, PRELOAD_DAEMON_ROOT_DEVICE: '/dev/pd-test-root-a' };
      const install = await runHook(join(HOOKS, 'mender', 'ArtifactInstall_Leave_50_preload-daemon'), [], mender);
      assert.equal(install.code, 0, describeHook(install));
      await assertStore({ zero: true, base: true, appA: true, appB: true });
      await rebootIntoB(d);
      const commit = await runHook(join(HOOKS, 'mender', 'ArtifactCommit_Leave_50_preload-daemon'), [], mender);
      assert.equal(commit.code, 0, describeHook(commit));
      await assertStore({ zero: false, base: true, appA: false, appB: true });
    });

    it('a failed staged load does not fail the update unless PRELOAD_DAEMON_HOOK_STRICT=1', TEST_TIMEOUT, async () => {
      const d = await device('strict');
      writeFileSync(join(d.slotB, d.lists, 'app', 'images', 'appB.tar'), 'not an archive');
      const lenient = await runHook(join(HOOKS, 'stage-slot'), [d.slotB], d.env);
      assert.equal(lenient.code, 0, describeHook(lenient));
      assert.match(lenient.stderr, /staged load of .* failed \(exit 1/);
      const strict = await runHook(join(HOOKS, 'stage-slot'), [d.slotB], { ...d.env, PRELOAD_DAEMON_HOOK_STRICT: '1' });
      assert.equal(strict.code, 1, describeHook(strict));
    });

    it('mender-inventory-preload-daemon: present, missing, failed and runtime-updated counts and the list release', TEST_TIMEOUT, async () => {
      const d = await device('inventory');
      const inventory = async () => {
        const r = await runHook(join(HOOKS, 'mender-inventory-preload-daemon'), [], d.env);
        assert.equal(r.code, 0, describeHook(r));
        for (const line of r.stdout.trim().split('\n')) assert.match(line, /^preload_daemon_[a-z_]+=\S/, `a key=value line: ${line}`);
        return Object.fromEntries(r.stdout.trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
      };
      const first = await inventory();
      assert.deepEqual(
        [first.preload_daemon_images, first.preload_daemon_present, first.preload_daemon_missing, first.preload_daemon_failed, first.preload_daemon_updated_at_runtime],
        ['2', '2', '0', '0', '0'],
      );
      assert.match(first.preload_daemon_list_release ?? '', /^[0-9a-f]{12}$/);
      assert.match(first.preload_daemon_engine ?? '', new RegExp(`^${kind} `));

      // At runtime: the app's name moved to another image, base removed, and a boot that failed base.
      await engine.load(readFileSync(img.zero.path)).catch(() => undefined);
      await engine.tag(tagSpellings(kind, TAGS.zero)[0]!, 'pd/app', 'a');
      await engine.removeImage(tagSpellings(kind, TAGS.base)[0]!);
      writeFileSync(join(d.lists, 'app', 'images', 'base.tar'), 'not an archive');
      assert.equal((await d.daemon([])).code, 1);
      const later = await inventory();
      assert.deepEqual(
        [later.preload_daemon_present, later.preload_daemon_missing, later.preload_daemon_failed, later.preload_daemon_updated_at_runtime],
        ['1', '0', '1', '1'],
      );
      assert.equal(later.preload_daemon_list_release, first.preload_daemon_list_release, 'same lists, same release');
    });
  });
}
