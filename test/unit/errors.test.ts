import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecodeError } from '../../src/archive/codecs/decode-error.js';
import { classifyError } from '../../src/classify-error.js';
import { EngineHttpError } from '../../src/engine/http.js';
import {
  ArchiveError,
  CodecError,
  ConfigError,
  EngineRefusedError,
  EngineTooOldError,
  EngineUnreachableError,
  ERROR_CODES,
  ExitCode,
  formatErrorLine,
  formatWhere,
  InternalError,
  InterruptedError,
  ListError,
  LockError,
  PackError,
  PreloadError,
  SpaceError,
  TimeoutError,
  UsageError,
  VerifyError,
  type ErrorCode,
  type ErrorContext,
  type ErrorOptions,
} from '../../src/errors.js';

describe('formatErrorLine', () => {
  const cases: Array<[label: string, message: string, context: ErrorContext, hint: string | undefined, expected: string]> = [
    ['file:line and hint', 'bad reference', { list: '/l/image.list', line: 3 }, 'fix the list', '/l/image.list:3: bad reference. Fix the list'],
    ['no context, no hint', 'engine unreachable', {}, undefined, 'engine unreachable'],
    ['hint only', 'failed', {}, 'try again', 'failed. Try again'],
    ['empty hint is no hint', 'failed', {}, '', 'failed'],
    ['list without line', 'cannot read list', { list: '/l/image.list' }, undefined, '/l/image.list: cannot read list'],
    ['line 0 still counts', 'm', { list: '/l', line: 0 }, undefined, '/l:0: m'],
    ['archive when there is no list', 'is empty', { archive: '/i/a.tar' }, undefined, '/i/a.tar: is empty'],
    ['image when there is nothing else', 'load failed', { image: 'app:1' }, undefined, 'app:1: load failed'],
    ['list wins over archive and image', 'm', { list: '/l', line: 2, archive: '/a', image: 'i' }, undefined, '/l:2: m'],
    ['archive wins over image', 'm', { archive: '/a', image: 'i' }, undefined, '/a: m'],
    ['a hint already capitalised stays so', 'm', {}, 'See the README', 'm. See the README'],
  ];
  for (const [label, message, context, hint, expected] of cases) {
    it(label, () => assert.equal(formatErrorLine(message, context, hint), expected));
  }

  it('formatWhere gives an empty string without context', () => {
    assert.equal(formatWhere({}), '');
  });
});

describe('error kinds', () => {
  const kinds: Array<[kind: new (message: string, options?: ErrorOptions) => PreloadError, code: ErrorCode, exit: ExitCode]> = [
    [ListError, 'list', ExitCode.entriesFailed],
    [ArchiveError, 'archive', ExitCode.entriesFailed],
    [CodecError, 'codec', ExitCode.entriesFailed],
    [SpaceError, 'space', ExitCode.entriesFailed],
    [VerifyError, 'verify', ExitCode.entriesFailed],
    [EngineUnreachableError, 'engine-unreachable', ExitCode.engineUnreachable],
    [EngineTooOldError, 'engine-too-old', ExitCode.engineUnreachable],
    [EngineRefusedError, 'engine-refused', ExitCode.entriesFailed],
    [TimeoutError, 'timeout', ExitCode.entriesFailed],
    [LockError, 'lock', ExitCode.lockTimeout],
    [PackError, 'source', ExitCode.entriesFailed],
    [InterruptedError, 'interrupted', ExitCode.entriesFailed],
    [InternalError, 'internal', ExitCode.entriesFailed],
    [UsageError, 'usage', ExitCode.usage],
    [ConfigError, 'config', ExitCode.usage],
  ];
  for (const [Kind, code, exit] of kinds) {
    it(`${Kind.name} is code ${code}, exit ${exit}`, () => {
      const error = new Kind('m');
      assert.equal(error.code, code);
      assert.equal(error.exitCode, exit);
      assert.equal(error.exitCode, ERROR_CODES[code]);
      assert.equal(error.name, Kind.name);
      assert.ok(error instanceof PreloadError);
    });
  }

  it('every code in the table has its kind class', () => {
    assert.deepEqual(kinds.map(([, code]) => code).sort(), Object.keys(ERROR_CODES).sort());
  });

  it('.line formats its own message, context and hint; the cause is kept', () => {
    const cause = new Error('root');
    const error = new ArchiveError('archive is empty', { context: { list: '/l', line: 4 }, hint: 'restore it', cause });
    assert.equal(error.line, '/l:4: archive is empty. Restore it');
    assert.equal(error.cause, cause);
    assert.deepEqual(error.context, { list: '/l', line: 4 });
    assert.equal(new ListError('m').cause, undefined);
  });

  it('UsageError points to --help, ConfigError to the man page, unless given a hint', () => {
    assert.equal(new UsageError('unknown option').line, 'unknown option. See `preload-daemon --help`');
    assert.equal(new UsageError('m', { hint: 'fix it' }).line, 'm. Fix it');
    assert.equal(new ConfigError('m').line, 'm. See preload-daemon(1), ENVIRONMENT and FILES');
    assert.equal(new ConfigError('m', { hint: 'fix it' }).line, 'm. Fix it');
    assert.ok(new ConfigError('m') instanceof UsageError);
  });

  it('a pack failure names its source', () => {
    assert.equal(new PackError('manifest.json lists no image', { context: { image: 'docker-archive:/a.tar' } }).line, 'docker-archive:/a.tar: manifest.json lists no image');
  });
});

describe('classifyError', () => {
  it('returns a kind as it is', () => {
    const error = new LockError('held');
    assert.equal(classifyError(error, { list: '/l' }), error);
  });

  it('an unknown throwable is internal (a bug), with the archive named and the original as cause', () => {
    const bug = new TypeError('x is undefined');
    const error = classifyError(bug, { archive: '/i/a.tar' });
    assert.ok(error instanceof InternalError);
    assert.equal(error.message, '/i/a.tar: x is undefined');
    assert.equal(error.cause, bug);
    assert.equal(classifyError('a string').message, 'a string');
  });

  it("a decoder's error is codec, naming the archive and its format", () => {
    const error = classifyError(new DecodeError('zstd', 'the archive ends in the middle of a zstd frame (truncated?)'), { archive: '/i/a.tar.zst' });
    assert.ok(error instanceof CodecError);
    assert.equal(error.line, '/i/a.tar.zst: archive /i/a.tar.zst (zstd): the archive ends in the middle of a zstd frame (truncated?). The archive is damaged: restore it from the firmware image');
  });

  const transport: Array<[errno: string | undefined, code: ErrorCode]> = [
    ['ENOENT', 'engine-unreachable'],
    ['ECONNREFUSED', 'engine-unreachable'],
    ['EACCES', 'engine-unreachable'],
    ['ETIMEDOUT', 'timeout'],
    ['ECONNRESET', 'engine-refused'],
    [undefined, 'engine-refused'],
  ];
  for (const [errno, code] of transport) {
    it(`a socket failure ${errno ?? 'without errno'} is ${code}, with the engine hint`, () => {
      const error = classifyError(new EngineHttpError('boom', errno));
      assert.equal(error.code, code);
      assert.equal(error.message, 'asking the engine: boom');
      assert.match(error.hint ?? '', /check the engine/);
    });
  }

  it('an abort is interrupted', () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');
    assert.equal(classifyError(new Error('x'), {}, controller.signal).code, 'interrupted');
  });
});
