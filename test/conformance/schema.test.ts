// The runner's request bodies from the contract's schemas: every generated body is valid for the contract's
// own validator; every violation breaks the validator for the field it names, and only by its one change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as generated from '../../generated/validators.js';
import { arbitrary, inline, type Schema } from '../../src/conformance/schema.js';
import { constraintCases } from '../../src/conformance/constraint-cases.js';
import { baseCall, shapeOf } from '../../src/conformance/operation-requests.js';
import { EXAMPLE_FITS } from '../../src/conformance/checks/bodies.js';
import { worldFrom } from '../../src/conformance/runner.js';
import { bundledContract } from '../../src/contract/bundled.js';
import { DEFAULT_FIXTURES } from '../../src/contract/default-fixtures.js';
import { describeValidationErrors } from '../../src/contract/validation-errors.js';
import { bundled, type Node } from '../helpers/contract.js';

type Validator = ((data: unknown) => boolean) & { errors?: Parameters<typeof describeValidationErrors>[0] };
const validators = generated as unknown as Record<string, Validator>;

const BODIES = [
  {
    name: 'the bind/unbind body',
    path: '/v1/{project_id}/cloudservers/nics/{nic_id}',
    method: 'put',
    validator: 'validateAssociateServerVirtualIpRequestBody',
    base: {
      nic: { subnet_id: 'd32019d3-bc6e-4319-9c1d-6722fc136a23', ip_address: '192.168.0.7', reverse_binding: true },
    },
  },
  {
    name: 'the assign body',
    path: '/v3/{project_id}/eip/publicips',
    method: 'post',
    validator: 'validateCreatePublicIpV3RequestBody',
    base: {
      publicip: {
        type: 'EIP',
        publicip_pool_name: '5_bgp',
        ip_version: 4,
        bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
      },
    },
  },
] as const;

function bodySchema(path: string, method: string): Schema {
  const operation = ((bundled.paths as Node)[path] as Node)[method] as Node;
  const requestBody = inline(bundled, operation.requestBody) as { content: Record<string, { schema: unknown }> };
  return inline(bundled, requestBody.content['application/json']!.schema);
}

/** The dotted paths where two JSON values differ (the shallowest differing node of each branch). */
function changedPaths(a: unknown, b: unknown, path: string[] = []): string[] {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedPaths(a[k], b[k], [...path, k]));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path.join('.')];
}

describe('inline', () => {
  it('leaves no $ref in a request body schema', () => {
    for (const body of BODIES) expect(JSON.stringify(bodySchema(body.path, body.method))).not.toContain('$ref');
  });
});

describe.each(BODIES)('$name', (body) => {
  const schema = bodySchema(body.path, body.method);
  const validate = validators[body.validator]!;

  it('the valid base is valid', () => {
    expect(validate(body.base)).toBe(true);
  });

  it('arbitrary: 300 seeded bodies, every one valid for the contract', () => {
    fc.assert(
      fc.property(arbitrary(schema), (value) => validate(value)),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it('arbitrary: the same seed gives the same bodies', () => {
    const sample = (seed: number) => fc.sample(arbitrary(schema), { seed, numRuns: 5 });
    expect(sample(7)).toEqual(sample(7));
    expect(sample(7)).not.toEqual(sample(8));
  });
});

describe('constraint cases, derived from the schemas of every operation', () => {
  const contract = bundledContract();
  const world = worldFrom(DEFAULT_FIXTURES);
  it.each(contract.operations.map((op) => [op.operationId, op] as const))('%s: each breaks its one field', (_, op) => {
    const shape = shapeOf(contract, op);
    const fitBody = EXAMPLE_FITS[op.operationId];
    const base = baseCall(shape, world, fitBody, 1);
    const validate = validators[op.requestBody!.validator]!;
    expect(validate(base.body)).toBe(true);
    const cases = constraintCases(contract, shape, world, fitBody, 1);
    expect(cases.length).toBeGreaterThan(10);
    for (const item of cases) {
      expect(item.call, `${item.field} ${item.constraint}`).toBeDefined();
      if (item.location !== 'body') continue;
      expect(validate(item.call!.body), `${item.field} ${item.constraint}`).toBe(false);
      const fields = describeValidationErrors(validate.errors).map((p) => p.field);
      const top = item.field === '(body)' ? '' : item.field.split('.').slice(0, -1).join('.');
      expect(
        fields.some((f) => f.startsWith(top)),
        `${item.field} ${item.constraint}: ${fields.join(', ')}`,
      ).toBe(true);
      // Only the field (or the absent parent given to reach it) differs from the base.
      const field = item.field === '(body)' ? '' : item.field;
      for (const changed of changedPaths(base.body, item.call!.body))
        expect(field.startsWith(changed) || changed.startsWith(field), `${item.field}: ${changed}`).toBe(true);
    }
  });

  it('reaches the optional and nested fields no example holds', () => {
    const op = contract.operations.find((o) => o.operationId === 'CreatePublicIpV3')!;
    const cases = constraintCases(contract, shapeOf(contract, op), world, EXAMPLE_FITS[op.operationId], 1);
    const fields = new Set(cases.map((c) => c.field));
    for (const field of [
      'publicip.id',
      'publicip.public_ip_address',
      'publicip.associate_instance_type',
      'publicip.associate_instance_id',
      'publicip.billing_info',
      'publicip.associate_mode',
      'publicip.bandwidth.size',
    ])
      expect(fields, field).toContain(field);
    expect(cases.map((c) => `${c.field} ${c.constraint}`)).toContain('publicip.bandwidth.size maximum 2000');
  });
});
