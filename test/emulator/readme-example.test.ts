// The README's example of the emulator in a test suite ("From a test suite, in its own process"), as it is
// there — test/emulator/api.test.ts checks that the README still shows exactly this — run against the built
// package entries, as a user's test would.
import { createClient } from 'hwc-contract';
import { DEMO, startEmulator, type Emulator } from 'hwc-contract/emulator';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.reset());
afterAll(() => emulator.close());

it('hands out the first address of the pool', async () => {
  const client = createClient({ endpoint: emulator.url, credentials: { token: DEMO.token, projectId: DEMO.project } });
  const { publicip } = await client.assignEip({
    publicip_pool_name: '5_telcom',
    bandwidth: { size: 5, share_type: 'PER', name: 'bw-1' },
  });
  expect(publicip.public_ip_address).toBe('100.64.0.1');
  expect(emulator.snapshot().pools['5_telcom']!.allocated['100.64.0.1']).toBe(publicip.id);
});
