// Type tests for hwc-contract's own client: its helpers and raw methods accept exactly what the contract allows.
import { describe, expectTypeOf, it } from 'vitest';
import { createClient, type HuaweiCloudError } from '../../src/index.js';

const client = createClient({ credentials: { token: 't', projectId: 'p' }, endpoint: 'http://127.0.0.1:1' });

describe('createClient', () => {
  it('types the helpers from the contract', async () => {
    expectTypeOf(client.bindVirtualIp).returns.resolves.toEqualTypeOf<{ port_id: string }>();
    const created = await client.assignEip({
      publicip_pool_name: '5_bgp',
      bandwidth: { size: 5, share_type: 'PER', name: 'b' },
    });
    expectTypeOf(created.publicip).not.toBeAny();
    expectTypeOf<HuaweiCloudError['kind']>().toEqualTypeOf<
      'response' | 'network' | 'timeout' | 'request-invalid' | 'response-invalid' | 'config'
    >();
  });

  it('rejects helper input the contract does not allow', () => {
    // @ts-expect-error subnetId is required to bind
    void client.bindVirtualIp({ nicId: 'n', ipAddress: '192.168.0.7' });
    // @ts-expect-error share_type is PER or WHOLE
    void client.assignEip({ publicip_pool_name: '5_bgp', bandwidth: { size: 5, share_type: 'SHARED', name: 'b' } });
    // @ts-expect-error size is a number
    void client.assignEip({ publicip_pool_name: '5_bgp', bandwidth: { size: '5', share_type: 'PER', name: 'b' } });
    // @ts-expect-error publicip_pool_name is required
    void client.assignEip({ bandwidth: { size: 5, share_type: 'PER', name: 'b' } });
  });

  it('keeps the raw typed methods: a missing path parameter or a wrong body does not compile', () => {
    void client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', {
      // @ts-expect-error nic_id is missing
      params: { path: { project_id: 'p' } },
      body: { nic: { subnet_id: '', ip_address: '' } },
    });
    void client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', {
      params: { path: { project_id: 'p', nic_id: 'n' } },
      // @ts-expect-error unbind takes empty strings only
      body: { nic: { subnet_id: 1, ip_address: '' } },
    });
  });
});
