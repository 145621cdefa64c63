import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorMessageOf, parseLoadResponse, type LoadReport } from '../../src/engine/load-response.js';

const ID = `sha256:${'ab'.repeat(32)}`;
const line = (value: unknown) => `${JSON.stringify(value)}\n`;

describe('parseLoadResponse', () => {
  const cases: Array<[label: string, status: number, text: string, expected: LoadReport]> = [
    ['Docker success', 200, line({ stream: 'Loaded image: app:1.0\n' }), { loaded: ['app:1.0'], loadedIds: [], error: undefined }],
    [
      'Docker error reported inside an HTTP 200 stream',
      200,
      line({ errorDetail: { message: 'x' }, error: 'x' }),
      { loaded: [], loadedIds: [], error: 'x' },
    ],
    [
      'errorDetail.message wins over error',
      200,
      line({ errorDetail: { message: 'detailed' }, error: 'short' }),
      { loaded: [], loadedIds: [], error: 'detailed' },
    ],
    [
      'Podman success without a trailing newline',
      200,
      JSON.stringify({ stream: 'Loaded image: localhost/a:1' }),
      { loaded: ['localhost/a:1'], loadedIds: [], error: undefined },
    ],
    [
      'Podman joins several names with commas',
      200,
      line({ stream: 'Loaded image: localhost/a:1,localhost/b:2' }),
      { loaded: ['localhost/a:1', 'localhost/b:2'], loadedIds: [], error: undefined },
    ],
    [
      'Podman names with spaces after the commas',
      200,
      line({ stream: 'Loaded image(s): localhost/a:1, localhost/b:2' }),
      { loaded: ['localhost/a:1', 'localhost/b:2'], loadedIds: [], error: undefined },
    ],
    [
      'Podman HTTP 500 with cause and message',
      500,
      line({ cause: 'c', message: 'm', response: 500 }),
      { loaded: [], loadedIds: [], error: 'm' },
    ],
    ['an error object with only a cause', 500, line({ cause: 'c', response: 500 }), { loaded: [], loadedIds: [], error: 'c' }],
    ['Docker untagged image', 200, line({ stream: `Loaded image ID: ${ID}\n` }), { loaded: [], loadedIds: [ID], error: undefined }],
    ['non-JSON text is read as a stream line', 200, 'Loaded image: plain:1\n', { loaded: ['plain:1'], loadedIds: [], error: undefined, notJson: 'Loaded image: plain:1' }],
    ['non-JSON noise is kept without throwing, and named', 200, 'this is {not json\n', { loaded: [], loadedIds: [], error: undefined, notJson: 'this is {not json' }],
    ['JSON scalars do not throw', 200, '42\nnull\n"text"\n[]\n', { loaded: [], loadedIds: [], error: undefined }],
    ['an unterminated last line still counts', 200, `${line({ stream: 'Loaded image: a:1\n' })}{"stream":"Loaded image: b:2"}`, { loaded: ['a:1', 'b:2'], loadedIds: [], error: undefined }],
    [
      'several lines, progress messages, names and IDs',
      200,
      [
        line({ status: 'Loading layer', progressDetail: { current: 1, total: 2 }, id: 'abc' }),
        line({ stream: 'Loaded image: a:1\n' }),
        line({ stream: `Loaded image ID: ${ID}\n` }),
        line({ stream: 'Loaded image: b:2\nLoaded image: c:3\n' }),
      ].join(''),
      { loaded: ['a:1', 'b:2', 'c:3'], loadedIds: [ID], error: undefined },
    ],
    ['CRLF line endings', 200, `${JSON.stringify({ stream: 'Loaded image: a:1\r\n' })}\r\n`, { loaded: ['a:1'], loadedIds: [], error: undefined }],
    ['empty body with HTTP 200', 200, '', { loaded: [], loadedIds: [], error: undefined }],
    ['empty body with HTTP 500 → "HTTP 500"', 500, '', { loaded: [], loadedIds: [], error: 'HTTP 500' }],
    ['the first error wins', 200, `${line({ error: 'first' })}${line({ error: 'second' })}`, { loaded: [], loadedIds: [], error: 'first' }],
    ['empty error strings are ignored', 200, line({ error: '', message: 'real' }), { loaded: [], loadedIds: [], error: 'real' }],
    ['a name mentioned mid-sentence is not a load', 200, line({ stream: 'Not Loaded image: a:1\n' }), { loaded: [], loadedIds: [], error: undefined }],
  ];
  for (const [label, status, text, expected] of cases) {
    it(label, () => assert.deepEqual(parseLoadResponse(status, text), expected));
  }

  it('keeps names loaded before an error', () => {
    const text = `${line({ stream: 'Loaded image: a:1\n' })}${line({ errorDetail: { message: 'disk full' }, error: 'disk full' })}`;
    assert.deepEqual(parseLoadResponse(200, text), { loaded: ['a:1'], loadedIds: [], error: 'disk full' });
  });
});

describe('errorMessageOf', () => {
  const cases: Array<[status: number, text: string, expected: string]> = [
    [500, line({ message: 'no space left' }), 'no space left'],
    [500, line({ cause: 'c', message: 'm' }), 'm'],
    [500, '', 'HTTP 500'],
    [404, line({ unrelated: true }), 'HTTP 404'],
    [200, '  plain words  ', 'plain words'],
  ];
  for (const [status, text, expected] of cases) {
    it(`${status} ${JSON.stringify(text.trim()).slice(0, 40)} → ${expected}`, () => assert.equal(errorMessageOf(status, text), expected));
  }
});
