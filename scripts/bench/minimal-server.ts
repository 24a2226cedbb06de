// A baseline of the benchmarks: the least a server can do to answer the benchmark's three requests as the
// emulator does, so that `bench:emulator` shows in the same run how much of the gap to the fixed-JSON floor any
// emulator must pay. Bare node:http; no routing beyond the method, no authentication, no contract validation,
// no pool search. It reads and parses each body and answers JSON built for that request:
// - PUT (bind): 200 `{"port_id": <the NIC ID of the URL>}`;
// - POST (assign) with `bandwidth.size` under 5: 400 in the EIP error shape;
// - POST otherwise: a new EIP (two fresh UUIDs, the next address of 10.0.0.0/8), kept in two Maps by ID and by
//   address as an emulator must keep it, answered 201 `{publicip, request_id}`.
// Run as its own process; prints its URL on stdout.
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });

interface AssignOption {
  type?: string;
  publicip_pool_name?: string;
  bandwidth?: { size?: number; share_type?: string; charge_mode?: string; name?: string };
}

const eips = new Map<string, object>();
const byAddress = new Map<string, string>();
let assigned = 0;
let requests = 0;

function answer(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    'x-request-id': requestId,
  });
  res.end(payload);
}

function assign(option: AssignOption, requestId: string): { status: number; body: unknown } {
  const bandwidth = option.bandwidth ?? {};
  if (!(typeof bandwidth.size === 'number' && bandwidth.size >= 5))
    return {
      status: 400,
      body: { error_code: 'VPC.0301', error_msg: 'publicip.bandwidth.size must be >= 5', request_id: requestId },
    };
  assigned += 1;
  const address = `10.${(assigned >>> 16) & 255}.${(assigned >>> 8) & 255}.${assigned & 255}`;
  const now = `${new Date().toISOString().slice(0, 19)}Z`;
  const eip = {
    id: randomUUID(),
    project_id: 'b2782e6708b8475c993e6064bc456bf8',
    ip_version: 4,
    public_ip_address: address,
    status: 'DOWN',
    created_at: now,
    updated_at: now,
    type: option.type ?? 'EIP',
    vnic: null,
    bandwidth: {
      id: randomUUID(),
      size: bandwidth.size,
      share_type: bandwidth.share_type,
      charge_mode: bandwidth.charge_mode ?? 'bandwidth',
      name: bandwidth.name,
    },
    enterprise_project_id: '0',
    billing_info: '',
    publicip_pool_id: 'c0a80001-0000-4000-8000-00000000b9c0',
    publicip_pool_name: option.publicip_pool_name,
    public_border_group: 'center',
  };
  eips.set(eip.id, eip);
  byAddress.set(address, eip.id);
  return { status: 201, body: { publicip: eip, request_id: requestId } };
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const requestId = `fe3a1b2c4d5e6f70${(requests++).toString(16).padStart(16, '0')}`;
    let body: { publicip?: AssignOption };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return answer(
        res,
        400,
        { error_code: 'VPC.0501', error_msg: 'the request body is not valid JSON', request_id: requestId },
        requestId,
      );
    }
    if (req.method === 'PUT')
      return answer(res, 200, { port_id: req.url!.slice(req.url!.lastIndexOf('/') + 1) }, requestId);
    const { status, body: out } = assign(body.publicip ?? {}, requestId);
    answer(res, status, out, requestId);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
