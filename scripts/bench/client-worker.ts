// One benchmark run of one HTTP client, in a fresh process: `node client-worker.js VARIANT URL COUNT CONCURRENCY
// SECONDS`. Sends an unbind request COUNT times (bounded by SECONDS) at CONCURRENCY after a warm-up, and prints
// {"requests","ms","cpuUs"} as JSON. The server runs in another process, so cpuUs is the client's alone.
import { createRequire } from 'node:module';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Agent, request as httpRequest } from 'node:http';
import { request } from 'undici';
import createFetchClient from 'openapi-fetch';
import { createClient } from '../../src/client/index.js';
import type { paths } from '../../generated/schema.js';

const [variant = '', url = '', countArg = '3000', concurrencyArg = '10', secondsArg = '20'] = process.argv.slice(2);
const PROJECT = 'b2782e6708b8475c993e6064bc456bf8';
const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const AK = 'AKBENCHMARK00000001';
const SK = 'bench-secret-key';
const PATH = `/v1/${PROJECT}/cloudservers/nics/${NIC}`;
const BODY = JSON.stringify({ nic: { subnet_id: '', ip_address: '' } });

async function makeSender(): Promise<() => Promise<unknown>> {
  switch (variant) {
    case 'undici.request':
      return async () => {
        const res = await request(url + PATH, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: BODY,
        });
        return res.body.json();
      };
    case 'node:http': {
      const agent = new Agent({ keepAlive: true, maxSockets: 64 });
      return () =>
        new Promise((resolve, reject) => {
          const req = httpRequest(
            url + PATH,
            {
              method: 'PUT',
              agent,
              headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(BODY) },
            },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString())));
            },
          );
          req.on('error', reject);
          req.end(BODY);
        });
    }
    case 'fetch':
      return async () =>
        (
          await fetch(url + PATH, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: BODY })
        ).json();
    case 'openapi-fetch+fetch': {
      const client = createFetchClient<paths>({ baseUrl: url });
      return () =>
        client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', {
          params: { path: { project_id: PROJECT, nic_id: NIC } },
          body: { nic: { subnet_id: '', ip_address: '' } },
        });
    }
    case 'hwc-contract': {
      const client = createClient({ credentials: { ak: AK, sk: SK, projectId: PROJECT }, endpoint: url, env: {} });
      return () => client.unbindVirtualIp({ nicId: NIC });
    }
    case 'hwc-contract.PUT': {
      // The raw typed method: openapi-fetch building a LightRequest, same pipeline and transport.
      const client = createClient({ credentials: { ak: AK, sk: SK, projectId: PROJECT }, endpoint: url, env: {} });
      return () =>
        client.PUT('/v1/{project_id}/cloudservers/nics/{nic_id}', {
          params: { path: { project_id: PROJECT, nic_id: NIC } },
          body: { nic: { subnet_id: '', ip_address: '' } },
        });
    }
    case 'hwc-contract+fetch': {
      const client = createClient({
        credentials: { ak: AK, sk: SK, projectId: PROJECT },
        endpoint: url,
        env: {},
        fetch: globalThis.fetch,
      });
      return () => client.unbindVirtualIp({ nicId: NIC });
    }
    case 'official-sdk': {
      // The SDK writes ~/.huaweicloud/application_id when a client is built: keep that out of the real home.
      process.env.HOME = mkdtempSync(path.join(tmpdir(), 'hwc-sdk-home-'));
      const require = createRequire(import.meta.url);
      const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
      const ecs = require('@huaweicloud/huaweicloud-sdk-ecs');
      const client = ecs.EcsClient.newBuilder()
        .withCredential(new BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT))
        .withEndpoint(url)
        .build();
      return () =>
        client.disassociateServerVirtualIp(
          new ecs.DisassociateServerVirtualIpRequest()
            .withNicId(NIC)
            .withBody(
              new ecs.DisassociateServerVirtualIpRequestBody().withNic(
                new ecs.DisassociateServerVirtualIpOption().withSubnetId('').withIpAddress(''),
              ),
            ),
        );
    }
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

async function run(
  send: () => Promise<unknown>,
  count: number,
  concurrency: number,
  deadline: number,
): Promise<number> {
  let issued = 0;
  const lane = async () => {
    while (issued < count && performance.now() < deadline) {
      issued += 1;
      await send();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return issued;
}

const send = await makeSender();
const concurrency = Number(concurrencyArg);
await run(send, Math.ceil(Number(countArg) / 10), concurrency, performance.now() + 5_000); // warm-up
const cpu = process.cpuUsage();
const start = performance.now();
const requests = await run(send, Number(countArg), concurrency, start + Number(secondsArg) * 1000);
const ms = performance.now() - start;
const used = process.cpuUsage(cpu);
process.stdout.write(`${JSON.stringify({ requests, ms, cpuUs: used.user + used.system })}\n`);
process.exit(0);
