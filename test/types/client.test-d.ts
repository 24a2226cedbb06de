// Type tests: the generated `paths` make openapi-fetch reject wrong bodies and missing path parameters at
// compile time. Each `@ts-expect-error` fails the run if the line below it compiles.
import createClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { components, operations, paths } from '../../generated/schema.js';
import type { validateCreatePublicIpV3RequestBody } from '../../generated/validators.js';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:4010' });
const NICS = '/v1/{project_id}/cloudservers/nics/{nic_id}';
const EIPS = '/v3/{project_id}/eip/publicips';
const path = { project_id: 'p', nic_id: 'n' };
const bandwidth = { size: 300, share_type: 'PER', name: 'b' } as const;

describe('the typed client', () => {
  it('accepts the documented bodies', () => {
    void client.PUT(NICS, {
      params: { path },
      body: { nic: { subnet_id: 's', ip_address: '192.168.0.7', reverse_binding: true } },
    });
    void client.PUT(NICS, { params: { path }, body: { nic: { subnet_id: '', ip_address: '' } } });
    void client.POST(EIPS, {
      params: { path: { project_id: 'p' } },
      body: { publicip: { publicip_pool_name: '5_bgp', bandwidth } },
    });
  });

  it('rejects wrong bodies', () => {
    // @ts-expect-error — `nic` is required
    void client.PUT(NICS, { params: { path }, body: {} });
    void client.PUT(NICS, {
      params: { path },
      // @ts-expect-error — reverse_binding is a boolean
      body: { nic: { subnet_id: 's', ip_address: 'i', reverse_binding: 'yes' } },
    });
    void client.POST(EIPS, {
      params: { path: { project_id: 'p' } },
      // @ts-expect-error — share_type is PER or WHOLE
      body: { publicip: { publicip_pool_name: 'x', bandwidth: { ...bandwidth, share_type: 'SHARED' } } },
    });
    // @ts-expect-error — bandwidth is required
    void client.POST(EIPS, { params: { path: { project_id: 'p' } }, body: { publicip: { publicip_pool_name: 'x' } } });
    void client.POST(EIPS, {
      params: { path: { project_id: 'p' } },
      // @ts-expect-error — ip_version is 4 or 6
      body: { publicip: { publicip_pool_name: 'x', bandwidth, ip_version: 5 } },
    });
  });

  it('rejects missing path parameters and unknown routes', () => {
    // @ts-expect-error — nic_id is missing
    void client.PUT(NICS, { params: { path: { project_id: 'p' } }, body: { nic: { subnet_id: '', ip_address: '' } } });
    // @ts-expect-error — params are missing altogether
    void client.POST(EIPS, { body: { publicip: { publicip_pool_name: 'x', bandwidth } } });
    // @ts-expect-error — no such route
    void client.GET('/v3/{project_id}/eip/publicips/{id}', {});
  });

  it('types responses and validators from the contract', async () => {
    const { data } = await client.POST(EIPS, {
      params: { path: { project_id: 'p' } },
      body: { publicip: { publicip_pool_name: 'x', bandwidth } },
    });
    expectTypeOf(data).toEqualTypeOf<components['schemas']['CreatePublicIpV3ResponseBody'] | undefined>();
    expectTypeOf<NonNullable<typeof data>['publicip']['status']>().toEqualTypeOf<
      'FREEZED' | 'DOWN' | 'ACTIVE' | 'ERROR'
    >();
    const value: unknown = {};
    const validate = null as unknown as typeof validateCreatePublicIpV3RequestBody;
    if (validate(value))
      expectTypeOf(value).toEqualTypeOf<operations['CreatePublicIpV3']['requestBody']['content']['application/json']>();
  });
});
