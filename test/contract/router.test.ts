// What routing guarantees about path parameters: which schemas every routed segment satisfies.
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { capturedNames, createRouter, segmentAlwaysSatisfies } from '../../src/contract/router.js';

describe('the router', () => {
  it('captures each path parameter as a non-empty segment', () => {
    const route = createRouter(operations);
    const hit = route('PUT', '/v1/p/cloudservers/nics/n%2Fx');
    expect(hit.operation?.operationId).toBe('AssociateServerVirtualIp');
    expect(hit.operation && hit.params).toEqual({ project_id: 'p', nic_id: 'n%2Fx' });
    expect(route('PUT', '/v1//cloudservers/nics/n').operation).toBeUndefined();
    expect(capturedNames(operations[0]!.pathPattern)).toEqual(
      operations[0]!.parameters.filter((p) => p.in === 'path').map((p) => p.name),
    );
  });

  it('knows which path schemas any such segment satisfies, and which must still be checked', () => {
    expect(segmentAlwaysSatisfies({ type: 'string', minLength: 1, description: 'd', example: 'x' })).toBe(true);
    expect(segmentAlwaysSatisfies({ type: 'string', 'x-huawei-discrepancies': ['…'] })).toBe(true);
    expect(segmentAlwaysSatisfies({})).toBe(true);
    for (const schema of [
      { type: 'string', maxLength: 32 },
      { type: 'string', minLength: 2 },
      { type: 'string', pattern: '^[a-f0-9]+$' },
      { type: 'string', format: 'uuid' },
      { type: 'string', enum: ['a'] },
      { type: 'integer' },
      { type: ['string', 'null'] },
    ]) {
      expect(segmentAlwaysSatisfies(schema), JSON.stringify(schema)).toBe(false);
    }
  });
});
