// One cold start, in a fresh process: `node cold-start.js VARIANT URL`. Loads the client, builds it, sends one
// signed unbind request and prints the milliseconds since the process started.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const [variant = '', url = ''] = process.argv.slice(2);
const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const credentials = { ak: 'AKBENCHMARK00000001', sk: 'bench-secret-key', projectId: PROJECT };

if (variant === 'hwc-contract') {
  // The package entry, as a user imports it (the bundle in dist/, see scripts/build-dist.ts).
  const { createClient } = (await import('hwc-contract' as string)) as typeof import('../../src/index.js');
  const client = createClient({ credentials, endpoint: url, env: {} });
  await client.unbindVirtualIp({ nicId: NIC });
} else if (variant === 'official-sdk') {
  process.env.HOME = mkdtempSync(path.join(tmpdir(), 'hwc-sdk-home-'));
  const require = createRequire(import.meta.url);
  const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
  const ecs = require('@huaweicloud/huaweicloud-sdk-ecs');
  const client = ecs.EcsClient.newBuilder()
    .withCredential(new BasicCredentials().withAk(credentials.ak).withSk(credentials.sk).withProjectId(PROJECT))
    .withEndpoint(url)
    .build();
  await client.disassociateServerVirtualIp(
    new ecs.DisassociateServerVirtualIpRequest()
      .withNicId(NIC)
      .withBody(
        new ecs.DisassociateServerVirtualIpRequestBody().withNic(
          new ecs.DisassociateServerVirtualIpOption().withSubnetId('').withIpAddress(''),
        ),
      ),
  );
} else if (variant !== 'node') {
  throw new Error(`unknown variant ${variant}`);
}
process.stdout.write(`${performance.now()}\n`);
process.exit(0);
