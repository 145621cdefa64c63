// quoted(): what comes from files reaches the journal escaped and cut; the text formats escape
// any control character a message still carries.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatterFor } from '../../src/system/log-format.js';
import { QUOTED_MAX, quoted } from '../../src/system/quote.js';

describe('quoted', () => {
  it('escapes NUL, escapes, DEL, C1 controls and line separators; keeps ordinary text', () => {
    const text = quoted('a\u0000b\u001b[31mc\u007fd\u0085e\u2028f "g" é');
    assert.equal(text, '"a\\u0000b\\u001b[31mc\\u007fd\\u0085e\\u2028f \\"g\\" é"');
    assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  });

  it('cuts a long value at QUOTED_MAX characters, saying so', () => {
    const text = quoted('x'.repeat(1024 * 1024));
    assert.equal(text, `"${'x'.repeat(QUOTED_MAX)}…"`);
  });

  it('never splits a character made of two UTF-16 units', () => {
    const text = quoted('😀'.repeat(QUOTED_MAX + 5));
    assert.equal(text, `"${'😀'.repeat(QUOTED_MAX)}…"`);
  });
});

describe('log text and journal formats', () => {
  for (const format of ['text', 'journal'] as const) {
    it(`${format}: no raw control character reaches the output`, () => {
      const line = formatterFor(format, false)('error', 'bad\u0000byte\u001b[2J\r', {});
      assert.doesNotMatch(line.slice(0, -1), /[\u0000-\u0008\u000b-\u001f\u007f]/);
      assert.match(line, /bad\\x00byte\\x1b\[2J\\x0d/);
    });
  }
});
