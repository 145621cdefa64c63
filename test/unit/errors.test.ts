import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ExitCode, formatErrorLine, formatWhere, messageOf, PreloadError, UsageError, type ErrorContext } from '../../src/errors.js';

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

describe('PreloadError / UsageError', () => {
  it('PreloadError.line formats its own message, context and hint', () => {
    const error = new PreloadError('archive is empty', { list: '/l', line: 4 }, 'restore it');
    assert.equal(error.line, '/l:4: archive is empty. Restore it');
    assert.equal(error.exitCode, ExitCode.entriesFailed);
    assert.equal(error.name, 'PreloadError');
    assert.ok(error instanceof Error);
  });

  it('keeps a cause', () => {
    const cause = new Error('root');
    assert.equal(new PreloadError('m', {}, undefined, ExitCode.engineUnreachable, { cause }).cause, cause);
  });

  it('UsageError exits with 2 and points to --help by default', () => {
    const error = new UsageError('unknown option');
    assert.equal(error.exitCode, ExitCode.usage);
    assert.equal(error.name, 'UsageError');
    assert.ok(error instanceof PreloadError);
    assert.equal(error.line, 'unknown option. See `preload-daemon --help`');
    assert.equal(new UsageError('m', 'fix it').line, 'm. Fix it');
  });
});

describe('messageOf', () => {
  it('reads errors, strings and other values', () => {
    assert.equal(messageOf(new Error('boom')), 'boom');
    assert.equal(messageOf('plain'), 'plain');
    assert.equal(messageOf(42), '42');
    assert.equal(messageOf(undefined), 'undefined');
  });
});
