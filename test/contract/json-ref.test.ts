import { describe, expect, it } from 'vitest';
import { deref, pointer } from '../../src/contract/json-ref.js';

const document = {
  components: {
    schemas: {
      'a/b': { type: 'string' },
      'c~d': { $ref: '#/components/schemas/a~1b' },
      loop: { $ref: '#/components/schemas/loop' },
    },
  },
};

describe('json-ref', () => {
  it('reads pointers with escaped ~1 and ~0 tokens', () => {
    expect(pointer(document, '/components/schemas/a~1b')).toEqual({ type: 'string' });
    expect(pointer(document, '/components/schemas/c~0d')).toEqual({ $ref: '#/components/schemas/a~1b' });
    expect(pointer(document, '/components/nothing/here')).toBeUndefined();
  });

  it('follows chains of references and returns non-references unchanged', () => {
    expect(deref(document, { $ref: '#/components/schemas/c~0d' })).toEqual({ type: 'string' });
    expect(deref(document, { type: 'integer' })).toEqual({ type: 'integer' });
  });

  it.each([
    [{ $ref: '#/components/schemas/loop' }, /circular reference/],
    [{ $ref: '#/components/schemas/none' }, /unresolved reference/],
    [{ $ref: 'other.yaml#/x' }, /only local references/],
  ])('rejects %j', (node, message) => {
    expect(() => deref(document, node)).toThrow(message);
  });
});
