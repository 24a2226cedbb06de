// Field problems from the generated validators, phrased so that the field comes first.
import { describe, expect, it } from 'vitest';
import * as validators from '../../generated/validators.js';
import { describeValidationErrors, validationMessage } from '../../src/contract/validation-errors.js';

const SUBNET = 'd32019d3-bc6e-4319-9c1d-6722fc136a23';
const bind = (body: unknown) => {
  validators.validateAssociateServerVirtualIpRequestBody(body);
  return validationMessage(validators.validateAssociateServerVirtualIpRequestBody.errors);
};
const assign = (body: unknown) => {
  validators.validateCreatePublicIpV3RequestBody(body);
  return validationMessage(validators.validateCreatePublicIpV3RequestBody.errors);
};

describe('validationMessage', () => {
  it.each([
    [
      'a bind with a subnet ID that is no UUID',
      { nic: { subnet_id: 'x', ip_address: '192.168.0.7' } },
      'nic.subnet_id must be a valid uuid',
    ],
    ['a bind without ip_address', { nic: { subnet_id: SUBNET } }, 'nic.ip_address is required'],
    [
      'a bind with an address that is no IP',
      { nic: { subnet_id: SUBNET, ip_address: 'nope' } },
      'nic.ip_address must be a valid ipv4 or ipv6',
    ],
    [
      'an unbind with an unknown field',
      { nic: { subnet_id: '', ip_address: '', extra: 1 } },
      'nic.extra is not a known field',
    ],
    ['an empty body', {}, 'nic is required'],
  ])('reports only the closest of bind/unbind for %s', (_what, body, want) => expect(bind(body)).toBe(want));

  it('lists every problem of an assign body, each naming its field', () => {
    const body = {
      publicip: { publicip_pool_name: '5_bgp', bandwidth: { size: 3, share_type: 'ALL', name: 'b' }, foo: 1 },
    };
    expect(assign(body)).toBe(
      'publicip.foo is not a known field; publicip.bandwidth.size must be >= 5; publicip.bandwidth.share_type must be one of "PER", "WHOLE"',
    );
  });

  it('turns JSON Pointer paths into dotted fields, escapes undone, at the root too', () => {
    const error = (instancePath: string, missingProperty: string) => ({
      instancePath,
      missingProperty,
      keyword: 'required',
      schemaPath: '#/required',
      params: { missingProperty },
    });
    expect(
      describeValidationErrors([error('/a~1b/c~0d', 'x'), error('', 'nic'), error('/publicip/bandwidth', 'size')]).map(
        (p) => p.field,
      ),
    ).toEqual(['a/b.c~d.x', 'nic', 'publicip.bandwidth.size']);
  });

  it('is empty for a valid body', () => {
    expect(bind({ nic: { subnet_id: SUBNET, ip_address: '192.168.0.7' } })).toBe('');
  });
});
