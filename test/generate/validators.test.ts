// The contract's ajv set-up: 2020-12 semantics, with the evaluated-property tracking and dynamic anchors that
// Ajv2020 always carries kept only where a contract uses unevaluatedProperties/Items or $dynamicRef.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../../src/generate/bundle.js';
import { compileValidators, runtimeValidators } from '../../src/generate/validators.js';
import type { JsonObject } from '../../src/generate/walk.js';

const addFormats = addFormatsModule.default;

const documentWith = (schemas: JsonObject) =>
  ({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas } }) as OpenApiDocument;

const ADDRESS: JsonObject = {
  type: 'object',
  required: ['ip'],
  additionalProperties: false,
  properties: {
    ip: { type: 'string', anyOf: [{ format: 'ipv4' }, { format: 'ipv6' }] },
    note: { type: 'string', maxLength: 3 },
  },
};

describe('the contract validators', () => {
  it('judge and explain as plain Ajv2020 does when the contract needs no tracking, without its bookkeeping', () => {
    const validators = [{ name: 'validateAddress', schema: ADDRESS, tsType: 'unknown' }];
    const ours = runtimeValidators(documentWith({}), validators).validateAddress!;
    const reference = new Ajv2020({ strict: true, allErrors: true });
    addFormats(reference);
    const plain = reference.compile(ADDRESS);
    const inputs = [
      { ip: '192.168.0.7' },
      { ip: '2001:db8::1' },
      { ip: 'not an address' },
      { ip: 7 },
      {},
      { ip: '10.0.0.1', note: 'long', extra: true },
    ];
    for (const input of inputs) {
      expect(ours(input), JSON.stringify(input)).toBe(plain(input));
      expect(ours.errors ?? null).toEqual(plain.errors ?? null);
    }
    const code = compileValidators(documentWith({}), validators);
    expect(code).not.toMatch(/dynamicAnchors|evaluated0/);
  });

  it('keep the tracking for a contract that uses unevaluatedProperties', () => {
    const schema: JsonObject = {
      type: 'object',
      allOf: [{ properties: { a: { type: 'string' } } }],
      unevaluatedProperties: false,
    };
    const validate = runtimeValidators(documentWith({}), [{ name: 'v', schema, tsType: 'unknown' }]).v!;
    expect(validate({ a: 'x' })).toBe(true);
    expect(validate({ a: 'x', b: 1 })).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('unevaluatedProperties');
    expect(compileValidators(documentWith({}), [{ name: 'v', schema, tsType: 'unknown' }])).toMatch(/evaluated0/);
  });

  it('keep dynamic anchors for a contract that uses $dynamicRef', () => {
    const schema: JsonObject = {
      $dynamicAnchor: 'node',
      type: 'object',
      properties: { child: { $dynamicRef: '#node' }, name: { type: 'string' } },
    };
    const validate = runtimeValidators(documentWith({}), [{ name: 'v', schema, tsType: 'unknown' }]).v!;
    expect(validate({ name: 'a', child: { name: 'b' } })).toBe(true);
    expect(validate({ name: 'a', child: { name: 2 } })).toBe(false);
  });
});
