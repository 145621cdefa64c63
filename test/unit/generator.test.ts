// The Quadlet generator (systemd/generator/preload-daemon-generator) is POSIX sh + awk: these tests
// run it with dash, the way systemd runs it on Debian, against files below a temp root.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { dockerCanonical, parseReference, podmanCanonical } from '../../src/list/reference.js';
import { busyDevice, container, device, GENERATOR, PULL_NEVER, SHELL } from '../helpers/quadlet-device.js';
import { tempDirPerSuite, tree } from './support.js';


interface Run {
  status: number | null;
  stderr: string;
  stdout: string;
  /** Drop-ins written, by service name: the text of <out>/<service>.d/preload-daemon.conf. */
  dropins: Map<string, string>;
}

/** Run the generator the way systemd does (three output dirs), as NAME (selects system or user). */
function generate(root: string, options: { env?: Record<string, string>; name?: string; args?: string[] } = {}): Run {
  const out = join(root, 'run/systemd/generator');
  rmSync(join(root, 'run/systemd'), { recursive: true, force: true });
  const name = options.name ?? 'preload-daemon-generator';
  const bin = join(root, 'bin', name);
  if (!existsSync(bin)) {
    mkdirSync(join(root, 'bin'), { recursive: true });
    copyFileSync(GENERATOR, bin);
  }
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', PRELOAD_DAEMON_GENERATOR_ROOT: root, HOME: join(root, 'home'), ...options.env };
  const args = options.args ?? [out, `${out}.early`, `${out}.late`];
  const result = spawnSync(SHELL, [bin, ...args], { env, encoding: 'utf8' });
  const dropins = new Map<string, string>();
  if (existsSync(out)) {
    for (const dir of readdirSync(out)) {
      const file = join(out, dir, 'preload-daemon.conf');
      if (dir.endsWith('.service.d') && existsSync(file)) dropins.set(dir.slice(0, -'.d'.length), readFileSync(file, 'utf8'));
    }
  }
  return { status: result.status, stderr: result.stderr, stdout: result.stdout, dropins };
}

const waitLine = (dropin: string | undefined) => dropin?.split('\n').find((l) => l.startsWith('ExecStartPre='));

describe('preload-daemon-generator: what it writes', () => {
  const tmp = tempDirPerSuite('generator');

  it('orders a Quadlet app after the boot unit, waits for its image and never pulls it', () => {
    const root = device(join(tmp.path, 'basic'), ['busybox.tar.zst busybox:1.36'], {
      'etc/containers/systemd/web.container': container('docker.io/library/busybox:1.36'),
    });
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    const dropin = run.dropins.get('web.service');
    assert.ok(dropin, `no drop-in for web.service: ${[...run.dropins.keys()].join(', ')}`);
    assert.match(dropin, /^\[Unit\]\nWants=preload-daemon-podman\.service\nAfter=preload-daemon-podman\.service\n/m);
    assert.doesNotMatch(dropin, /^Requires=/m);
    assert.equal(waitLine(dropin), 'ExecStartPre=/usr/bin/preload-daemon wait --engine podman --socket /run/podman/podman.sock --timeout 30 docker.io/library/busybox:1.36');
    assert.match(dropin, /^Environment=CONTAINERS_CONF_OVERRIDE=\/usr\/lib\/preload-daemon\/pull-never\.containers\.conf$/m);
    assert.match(dropin, /web\.container/, 'the drop-in names the .container it was written for');
    assert.match(dropin, /image\.list:1/, 'and the list line that ships the image');
    assert.match(readFileSync(PULL_NEVER, 'utf8'), /^\[engine\]\npull_policy = "never"$/m);
  });

  it('matches short and qualified spellings both ways (Docker normalisation, localhost/ on Podman)', () => {
    const list = [
      'a.tar busybox:1.36',
      'b.tar myorg/app:1.0',
      'c.tar docker.io/library/debian:12',
      'd.tar localhost/local:2',
      'e.tar quay.io/org/tool:3',
      'f.tar registry.local:5000/org/svc:4',
      'g.tar plain',
    ];
    const cases: Record<string, string | undefined> = {
      'busybox:1.36': 'busybox:1.36',
      'docker.io/library/busybox:1.36': 'docker.io/library/busybox:1.36',
      'docker.io/busybox:1.36': 'docker.io/busybox:1.36',
      'localhost/busybox:1.36': 'localhost/busybox:1.36',
      'library/busybox:1.36': 'library/busybox:1.36',
      'docker.io/myorg/app:1.0': 'docker.io/myorg/app:1.0',
      'localhost/myorg/app:1.0': 'localhost/myorg/app:1.0',
      'myorg/app:1.0': 'myorg/app:1.0',
      'debian:12': 'debian:12',
      'localhost/debian:12': undefined, // a qualified docker.io list name is not a localhost/ image
      'local:2': 'local:2',
      'docker.io/library/local:2': undefined,
      'quay.io/org/tool:3': 'quay.io/org/tool:3',
      'org/tool:3': undefined, // registries.conf search lists are not read
      'registry.local:5000/org/svc:4': 'registry.local:5000/org/svc:4',
      plain: 'plain:latest',
      'plain:latest': 'plain:latest',
      'busybox:1.37': undefined,
      busybox: undefined,
      'myorg/app': undefined,
      'other/app:1.0': undefined,
    };
    const units: Record<string, string> = {};
    Object.keys(cases).forEach((image, i) => (units[`etc/containers/systemd/app${i}.container`] = container(image)));
    const run = generate(device(join(tmp.path, 'spellings'), list, units));
    assert.equal(run.status, 0, run.stderr);
    Object.entries(cases).forEach(([image, waitsFor], i) => {
      const line = waitLine(run.dropins.get(`app${i}.service`));
      if (waitsFor === undefined) assert.equal(line, undefined, `Image=${image} is not shipped, yet: ${line}`);
      else assert.equal(line?.split(' ').pop(), waitsFor, `Image=${image}`);
    });
  });

  it('reads lists with CRLF, a BOM, comments, extra fields and bad lines', () => {
    const root = tree(join(tmp.path, 'crlf'), {
      'usr/share/preload-daemon/a/image.list': '\uFEFF# images\r\n\r\n  a.tar.zst   one:1   id=sha256:' + 'a'.repeat(64) + ' policy=changed\r\nnonsense\r\nb.tar BAD:Name\r\n',
      'usr/share/preload-daemon/b/image.list': 'c.tar two:2\n',
      // A BOM before a comment: still a comment, so sneaky:1 is not listed.
      'usr/share/preload-daemon/d/image.list': '\uFEFF#x.tar sneaky:1\r\n',
      'etc/containers/systemd/sneaky.container': container('sneaky:1'),
      'usr/share/preload-daemon/c/not-a-list': 'd.tar three:3\n',
      'etc/containers/systemd/one.container': container('one:1'),
      'etc/containers/systemd/two.container': container('two:2'),
      'etc/containers/systemd/three.container': container('three:3'),
    });
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()].sort(), ['one.service', 'two.service']);
    assert.match(run.dropins.get('one.service')!, /a\/image\.list:3\)/);
  });

  it('skips .image and .build references, image IDs and unit files without Image=', () => {
    const root = device(join(tmp.path, 'skips'), ['a.tar busybox:1.36'], {
      'etc/containers/systemd/img.container': container('busybox.image'),
      'etc/containers/systemd/busybox.image': '[Image]\nImage=busybox:1.36\n',
      'etc/containers/systemd/built.container': container('app.build'),
      'etc/containers/systemd/id.container': container('sha256:' + 'c'.repeat(64)),
      'etc/containers/systemd/rootfs.container': '[Container]\nRootfs=/srv/root\n',
      'etc/containers/systemd/quoted.container': container('"busybox:1.36"'),
    });
    const run = generate(root, { env: { PRELOAD_DAEMON_GENERATOR_VERBOSE: '1' } });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()], ['quoted.service']);
    assert.match(run.stderr, /img\.container: Image=busybox\.image is a Quadlet unit, skipped/);
    assert.match(run.stderr, /id\.container: .* is an image ID, skipped/);
  });

  it('does not wire an Image= that pins a digest, and says so in a comment-only drop-in', () => {
    const root = device(join(tmp.path, 'digest'), ['a.tar busybox:1.36'], {
      'etc/containers/systemd/pinned.container': container(`busybox:1.36@sha256:${'d'.repeat(64)}`),
    });
    const dropin = generate(root).dropins.get('pinned.service');
    assert.ok(dropin);
    assert.match(dropin, /Not wired: Image= pins a digest/);
    assert.match(dropin, /Write Image=busybox:1\.36 /);
    assert.ok(dropin.split('\n').every((line) => line === '' || line.startsWith('#')), dropin);
  });

  it('uses ServiceName=, also from a Quadlet drop-in, and the image a drop-in sets', () => {
    const root = device(join(tmp.path, 'service-name'), ['a.tar busybox:1.36', 'b.tar app:2'], {
      'etc/containers/systemd/named.container': container('busybox:1.36', 'ServiceName=my-web'),
      'etc/containers/systemd/over.container': container('unlisted:9'),
      'etc/containers/systemd/over.container.d/10-image.conf': '[Container]\nImage=app:2\nServiceName=over-app\n',
      // Later in name order wins; a top-level container.d applies to every .container.
      'usr/share/containers/systemd/container.d/20-late.conf': '[Container]\nLabel=x=y\n',
      'etc/containers/systemd/reset.container': container('busybox:1.36'),
      'etc/containers/systemd/reset.container.d/50-no.conf': '[Container]\nImage=unlisted:1\n',
    });
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()].sort(), ['my-web.service', 'over-app.service']);
    assert.match(waitLine(run.dropins.get('over-app.service'))!, / app:2$/);
  });

  it('applies truncated (a-.container.d) drop-ins and names template instances like Quadlet', () => {
    const root = device(join(tmp.path, 'truncated'), ['a.tar busybox:1.36'], {
      'etc/containers/systemd/web-front.container': container('unlisted:1'),
      'etc/containers/systemd/web-.container.d/image.conf': '[Container]\nImage=busybox:1.36\n',
      'etc/containers/systemd/worker@.container': container('busybox:1.36'),
    });
    symlinkSync('worker@.container', join(root, 'etc/containers/systemd/worker@one.container'));
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()].sort(), ['web-front.service', 'worker@.service', 'worker@one.service']);
  });

  it('searches /run, /etc and /usr/share and their subfolders; the first file of a name wins', () => {
    const root = device(join(tmp.path, 'dirs'), ['a.tar one:1', 'b.tar two:2', 'c.tar three:3', 'd.tar four:4'], {
      'run/containers/systemd/one.container': container('one:1'),
      'etc/containers/systemd/apps/deep/two.container': container('two:2'),
      'usr/share/containers/systemd/vendor/three.container': container('three:3'),
      // Shadowed by /etc's file of the same name, which names an unlisted image.
      'etc/containers/systemd/four.container': container('unlisted:4'),
      'usr/share/containers/systemd/four.container': container('four:4'),
      // Not source folders: *.d and, for the system generator, users/.
      'etc/containers/systemd/skip.d/five.container': container('one:1'),
      'etc/containers/systemd/users/six.container': container('one:1'),
      'etc/containers/systemd/users/1000/seven.container': container('one:1'),
    });
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()].sort(), ['one.service', 'three.service', 'two.service']);
  });

  it('as the user generator: the rootless search paths, the user boot unit and socket', () => {
    const root = device(join(tmp.path, 'user'), ['a.tar one:1', 'b.tar two:2', 'c.tar three:3', 'd.tar four:4'], {
      'home/.config/containers/systemd/one.container': container('one:1'),
      'xdg-runtime/containers/systemd/two.container': container('two:2'),
      'etc/containers/systemd/users/three.container': container('three:3'),
      'etc/containers/systemd/users/4242/four.container': container('four:4'),
      'etc/containers/systemd/users/1000/other-user.container': container('one:1'),
      'etc/containers/systemd/system-only.container': container('one:1'),
    });
    const run = generate(root, {
      name: 'preload-daemon-user-generator',
      env: { XDG_RUNTIME_DIR: join(root, 'xdg-runtime'), PRELOAD_DAEMON_GENERATOR_UID: '4242' },
    });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()].sort(), ['four.service', 'one.service', 'three.service', 'two.service']);
    const dropin = run.dropins.get('one.service')!;
    assert.match(dropin, /^Wants=preload-daemon\.service$/m);
    assert.match(dropin, /^After=preload-daemon\.service$/m);
    assert.match(waitLine(dropin)!, / --socket %t\/podman\/podman\.sock /);
    // SYSTEMD_SCOPE=user selects the same paths when the file has the system name.
    const scoped = generate(root, { env: { SYSTEMD_SCOPE: 'user', XDG_RUNTIME_DIR: join(root, 'xdg-runtime'), PRELOAD_DAEMON_GENERATOR_UID: '4242' } });
    assert.deepEqual([...scoped.dropins.keys()].sort(), [...run.dropins.keys()].sort());
  });

  it('reads the lists named in /etc/preload-daemon/config.json instead of the default', () => {
    const root = device(join(tmp.path, 'config'), ['a.tar default:1'], {
      'etc/preload-daemon/config.json': '{\n  "engine": "podman",\n  "lists": [\n    "/opt/images",\n    "/srv/one.list"\n  ]\n}\n',
      'opt/images/x/image.list': 'a.tar from-dir:1\n',
      'srv/one.list': 'a.tar from-file:1\n',
      'etc/containers/systemd/d.container': container('default:1'),
      'etc/containers/systemd/x.container': container('from-dir:1'),
      'etc/containers/systemd/f.container': container('from-file:1'),
    });
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()].sort(), ['f.service', 'x.service']);
  });

  it('leaves the pull policy alone when the unit sets CONTAINERS_CONF_OVERRIDE or the file is missing', () => {
    const units = {
      'etc/containers/systemd/own.container': container('one:1') + '[Service]\nEnvironment=CONTAINERS_CONF_OVERRIDE=/etc/mine.conf\n',
      'etc/containers/systemd/plain.container': container('one:1'),
    };
    const run = generate(device(join(tmp.path, 'override'), ['a.tar one:1'], units));
    assert.doesNotMatch(run.dropins.get('own.service')!, /^Environment=/m);
    assert.match(run.dropins.get('plain.service')!, /^Environment=CONTAINERS_CONF_OVERRIDE=/m);
    const bare = tree(join(tmp.path, 'no-conf'), { 'usr/share/preload-daemon/a/image.list': 'a.tar one:1\n', ...units });
    const without = generate(bare);
    assert.doesNotMatch(without.dropins.get('plain.service')!, /^Environment=/m);
    assert.ok(waitLine(without.dropins.get('plain.service')));
  });

  it('--dry-run prints the drop-ins and writes nothing', () => {
    const root = device(join(tmp.path, 'dry'), ['a.tar one:1'], { 'etc/containers/systemd/one.container': container('one:1') });
    const run = generate(root, { args: ['--dry-run'] });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^### \/one\.service\.d\/preload-daemon\.conf$/m);
    assert.match(run.stderr, /one\.service waits for one:1/);
    assert.equal(run.dropins.size, 0);
  });
});

describe('preload-daemon-generator: turned off, or nothing to do', () => {
  const tmp = tempDirPerSuite('generator-off');
  const units = { 'etc/containers/systemd/one.container': container('one:1') };

  it('writes nothing with preload-daemon.generator=0 on the kernel command line', () => {
    const root = device(join(tmp.path, 'cmdline'), ['a.tar one:1'], units);
    assert.equal(generate(root).dropins.size, 1, 'control: wired without the switch');
    for (const value of ['0', 'no', 'off', 'false']) {
      tree(root, { 'proc/cmdline': `BOOT_IMAGE=/vmlinuz root=/dev/mmcblk0p2 preload-daemon.generator=${value} quiet\n` });
      const run = generate(root);
      assert.equal(run.status, 0);
      assert.equal(run.dropins.size, 0, `preload-daemon.generator=${value}`);
    }
    tree(root, { 'proc/cmdline': 'root=/dev/sda preload-daemon.generator=1\n' });
    assert.equal(generate(root).dropins.size, 1);
  });

  it('writes nothing with PRELOAD_DAEMON_GENERATOR=0 or in the initrd', () => {
    const root = device(join(tmp.path, 'env'), ['a.tar one:1'], units);
    assert.equal(generate(root, { env: { PRELOAD_DAEMON_GENERATOR: '0' } }).dropins.size, 0);
    assert.equal(generate(root, { env: { SYSTEMD_IN_INITRD: '1' } }).dropins.size, 0);
    assert.equal(generate(root, { env: { SYSTEMD_IN_INITRD: '0' } }).dropins.size, 1);
  });

  it('exits 0 without lists, without Quadlet folders, or with an empty list', () => {
    assert.equal(generate(tree(join(tmp.path, 'no-lists'), units)).status, 0);
    const noQuadlet = device(join(tmp.path, 'no-quadlet'), ['a.tar one:1']);
    const run = generate(noQuadlet);
    assert.equal(run.status, 0);
    assert.equal(existsSync(join(noQuadlet, 'run/systemd/generator')), false, 'no output folder created when there is nothing to write');
    const empty = device(join(tmp.path, 'empty'), ['# nothing shipped yet'], units);
    assert.deepEqual([run.status, generate(empty).dropins.size], [0, 0]);
  });

  it('fails with a usage line without an output folder', () => {
    const run = generate(device(join(tmp.path, 'usage'), ['a.tar one:1'], units), { args: [] });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /usage: preload-daemon-generator NORMAL_DIR/);
  });
});

describe('preload-daemon-generator: same name model as the loader', () => {
  const tmp = tempDirPerSuite('generator-names');

  // The loader's model (src/list/reference.ts): a qualified name is its Docker form; an
  // unqualified one is the Docker form or Podman's localhost/ form.
  function spellings(text: string): Set<string> {
    const parsed = parseReference(text);
    if (!parsed.ok) return new Set();
    const ref = parsed.ref;
    return new Set(ref.domain === undefined ? [dockerCanonical(ref), podmanCanonical(ref)] : [dockerCanonical(ref)]);
  }

  it('wires exactly the Image= values whose spellings meet a list name (property, 300 names)', () => {
    const component = fc.constantFrom('app', 'busybox', 'my-org', 'a_b', 'x.y', 'lib', 'Up');
    const domain = fc.constantFrom('', 'docker.io/', 'localhost/', 'quay.io/', 'reg.local:5000/', 'library/', 'index.docker.io/', 'org/');
    const tag = fc.constantFrom('', ':1', ':1.0', ':latest', ':v-2');
    const name = fc.tuple(domain, fc.array(component, { minLength: 1, maxLength: 2 }), tag).map(([d, parts, t]) => `${d}${parts.join('/')}${t}`);
    const samples = fc.sample(fc.tuple(fc.array(name, { minLength: 1, maxLength: 6 }), name), { numRuns: 300, seed: 16 });
    const root = join(tmp.path, 'property');
    const lists: Record<string, string> = {};
    const units: Record<string, string> = {};
    samples.forEach(([listNames, image], i) => {
      lists[`usr/share/preload-daemon/p${i}/image.list`] = listNames.map((n) => `x.tar ${n}`).join('\n');
      units[`etc/containers/systemd/u${i}.container`] = container(image);
    });
    // One run per sample would take a while; instead every sample gets its own list root via config.json.
    const config = { lists: samples.map((_, i) => `/usr/share/preload-daemon/p${i}`) };
    tree(root, { ...lists, 'etc/preload-daemon/config.json': JSON.stringify(config) });
    // All lists are read together, so the expectation is against their union.
    const shipped = new Set(samples.flatMap(([listNames]) => listNames.flatMap((n) => [...spellings(n)])));
    tree(root, units);
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    samples.forEach(([, image], i) => {
      const expected = [...spellings(image)].some((s) => shipped.has(s));
      assert.equal(run.dropins.has(`u${i}.service`), expected, `Image=${image}: spellings ${[...spellings(image)].join(', ')}`);
    });
  });
});

describe('preload-daemon-generator: a busy device', () => {
  const tmp = tempDirPerSuite('generator-busy');

  // Its cost (CPU a run) is measured by `npm run bench` (the generator section), not here.
  it('20 lists x 10 Quadlet files in 6 folders: a drop-in for exactly the 6 apps whose image is listed', () => {
    const root = join(tmp.path, 'busy');
    const listed = busyDevice(root);
    const run = generate(root);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual([...run.dropins.keys()].sort(), [...listed].sort());
    assert.equal(listed.length, 6);
  });
});
