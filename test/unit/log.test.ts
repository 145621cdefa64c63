import assert from 'node:assert/strict';
import { openSync, closeSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chooseFormat, isJournal } from '../../src/system/log-format.js';
import { liveLineOn } from '../../src/system/live-line.js';
import { createLogger, type LogFormat } from '../../src/system/log.js';
import { progressOnTerminal, progressText } from '../../src/system/progress.js';
import { tempDirPerSuite } from './support.js';

function capture(format: LogFormat, options: { isTTY?: boolean; env?: NodeJS.ProcessEnv; level?: 'info' | 'warn' | 'debug' } = {}) {
  const lines: string[] = [];
  const log = createLogger(options.level ?? 'info', { format, isTTY: options.isTTY ?? false, env: options.env ?? {}, write: (line) => lines.push(line) });
  return { log, lines };
}

describe('logger', () => {
  it('journal: one line per message with its syslog priority (sd-daemon(3))', () => {
    const { log, lines } = capture('journal');
    log.fatal('f');
    log.error({ list: '/l' }, '/l:3: broken archive');
    log.warn('w');
    log.info('loaded 1, already present 0, failed 0 in 0.1 s');
    log.debug('hidden at info');
    assert.deepEqual(lines, ['<2>f\n', '<3>/l:3: broken archive\n', '<4>w\n', '<6>loaded 1, already present 0, failed 0 in 0.1 s\n']);
  });

  it('journal: a message with line breaks stays one entry', () => {
    const { log, lines } = capture('journal');
    log.error('first\nsecond');
    assert.deepEqual(lines, ['<3>first second\n']);
  });

  it("json: pino's level numbers, time, the fields and msg", () => {
    const { log, lines } = capture('json');
    log.error({ list: '/l', line: 3, error: new Error('boom') }, 'bad');
    const parsed = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.equal(parsed.level, 50);
    assert.equal(parsed.msg, 'bad');
    assert.equal(parsed.list, '/l');
    assert.equal(parsed.line, 3);
    assert.equal(parsed.error, 'boom');
    assert.match(String(parsed.time), /^\d{4}-\d\d-\d\dT/);
    assert.equal(lines[0]!.split('\n').length, 2, 'one line');
  });

  it('text: plain labels without colour off a terminal', () => {
    const { log, lines } = capture('text');
    log.error('e');
    log.warn('w');
    log.info('i');
    assert.deepEqual(lines, ['error: e\n', 'warning: w\n', 'i\n']);
  });

  it('text: colour on a terminal unless NO_COLOR is set', () => {
    const coloured = capture('text', { isTTY: true });
    coloured.log.error('e');
    assert.match(coloured.lines[0]!, /^\x1b\[31merror: e\x1b\[0m\n$/);
    const plain = capture('text', { isTTY: true, env: { NO_COLOR: '1' } });
    plain.log.error('e');
    assert.equal(plain.lines[0], 'error: e\n');
  });

  it('levels filter; silent writes nothing', () => {
    const warn = capture('text', { level: 'warn' });
    warn.log.info('no');
    warn.log.warn('yes');
    assert.deepEqual(warn.lines, ['warning: yes\n']);
    const lines: string[] = [];
    createLogger('silent', { format: 'text', write: (line) => lines.push(line) }).fatal('no');
    assert.deepEqual(lines, []);
  });
});

describe('log format choice', () => {
  const tmp = tempDirPerSuite('log');

  it('auto is journal only when JOURNAL_STREAM names the device and inode of that descriptor', () => {
    const fd = openSync(join(tmp.path, 'stream'), 'w');
    try {
      const stat = fstatSync(fd, { bigint: true });
      assert.equal(isJournal({ JOURNAL_STREAM: `${stat.dev}:${stat.ino}` }, fd), true);
      assert.equal(isJournal({ JOURNAL_STREAM: `${stat.dev}:${stat.ino + 1n}` }, fd), false, 'a child of the service with its stderr elsewhere');
      assert.equal(isJournal({}, fd), false);
      assert.equal(chooseFormat('auto', { JOURNAL_STREAM: `${stat.dev}:${stat.ino}` }, fd), 'journal');
      assert.equal(chooseFormat('auto', {}, fd), 'text');
      assert.equal(chooseFormat('json', { JOURNAL_STREAM: `${stat.dev}:${stat.ino}` }, fd), 'json', 'an explicit format wins');
    } finally {
      closeSync(fd);
    }
  });
});

describe('progress', () => {
  it('shows percentage, amount, rate and time left when the total is known', () => {
    assert.equal(progressText('app:1', 50 * 1048576, 200 * 1048576, 5), 'app:1  25%  50.0 MiB of 200.0 MiB  10.0 MiB/s  0:15 left');
  });

  it('without a total: amount and rate only', () => {
    assert.equal(progressText('app:1', 10 * 1048576, undefined, 2), 'app:1  10.0 MiB  5.0 MiB/s');
  });

  it('never claims 100% before the end', () => {
    assert.match(progressText('a', 300, 200, 1), /  99%  /);
  });

  it('off a terminal nothing is created', () => {
    assert.equal(progressOnTerminal({ isTTY: false }), undefined);
  });

  it('on a terminal: redrawn in place at most every 200 ms; log lines go above it; done clears it', () => {
    const written: string[] = [];
    const line = liveLineOn({ write: (text: string) => written.push(text) });
    let now = 0;
    const progress = progressOnTerminal({ isTTY: true }, line, () => now)!;
    let measured = 0;
    const at = (bytes: number) => () => {
      measured++;
      return { bytes, total: 4 * 1048576 };
    };
    progress.update('app:1', at(1048576));
    now = 100;
    progress.update('app:1', at(2 * 1048576)); // too soon: not drawn, not even measured
    now = 1000;
    progress.update('app:1', at(3 * 1048576));
    assert.equal(written.length, 2);
    assert.equal(measured, 2);
    assert.match(written[1]!, /^\r\x1b\[Kapp:1  75%  3\.0 MiB of 4\.0 MiB/);
    line.writeAbove('a log line\n');
    assert.match(written[2]!, /^\r\x1b\[Ka log line\napp:1  75%/);
    progress.done('app:1');
    assert.equal(written.at(-1), '\r\x1b[K');
  });
});
