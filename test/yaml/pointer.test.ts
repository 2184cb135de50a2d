import { describe, expect, it } from 'vitest';

import { escapePointerSegment, pointerSegments, toPointer, unescapePointerSegment } from '../../src/yaml/pointer.js';

// RFC 6901 section 3 and 5: `~` is `~0`, `/` is `~1`, and `~01` decodes to `~1` (not `/`).
const segments: [raw: string, escaped: string][] = [
  ['plain', 'plain'],
  ['a/b', 'a~1b'],
  ['m~n', 'm~0n'],
  ['~1', '~01'],
  ['', ''],
];

describe('JSON pointer segments', () => {
  it.each(segments)('%j escapes to %j and back', (raw, escaped) => {
    expect(escapePointerSegment(raw)).toBe(escaped);
    expect(unescapePointerSegment(escaped)).toBe(raw);
  });

  it('builds a pointer from keys and indexes', () => {
    expect(toPointer([])).toBe('');
    expect(toPointer(['spec', 'containers', 0, 'a/b'])).toBe('/spec/containers/0/a~1b');
  });

  it('splits a pointer into unescaped segments', () => {
    expect(pointerSegments('')).toEqual([]);
    expect(pointerSegments('/')).toEqual(['']);
    expect(pointerSegments('/metadata/annotations/example.com~1x~0y')).toEqual([
      'metadata',
      'annotations',
      'example.com/x~y',
    ]);
  });
});
