// `npm run bench:proxy`: `hwc-contract proxy` against `prism proxy` on the same traffic, in one run, each in its
// own process. Violations found: a fixed list of calls — valid ones, ones the contract forbids, one outside it —
// sent through each proxy to the emulator and to a broken upstream (scripts/bench/broken-upstream.ts: three rules
// broken), counting the exchanges each proxy flags (`X-Contract-Violations`, Prism's `sl-violations`).
// Throughput: autocannon through each proxy to the emulator with a valid bind, c=10, and straight to the emulator
// (the ceiling). Prints requests/s, ratios and p99. Asserts nothing; bounded in time and count.
import autocannon from 'autocannon';
import path from 'node:path';
import { startPrism } from '../src/mock/prism.js';
import { ROOT, startServerProcess } from './bench/processes.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const MAX_REQUESTS = Number(process.env.BENCH_MAX_REQUESTS ?? 1_000_000);
const BIN = path.join(ROOT, 'bin', 'hwc-contract.js');
const SPEC = path.join(ROOT, 'generated', 'openapi.json');
const P = 'b2782e6708b8475c993e6064bc456bf8';
const NIC = 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67';
const SUBNET = 'd32019d3-bc6e-4319-9c1d-6722fc136a23';
const TOKEN = 'hwc-demo-token';
const BIND_PATH = `/v1/${P}/cloudservers/nics/${NIC}`;
const ASSIGN_PATH = `/v3/${P}/eip/publicips`;
const BIND_BODY = JSON.stringify({ nic: { subnet_id: SUBNET, ip_address: '192.168.0.7', reverse_binding: true } });
const assign = (pool: string, size: number) =>
  JSON.stringify({ publicip: { publicip_pool_name: pool, bandwidth: { size, share_type: 'PER', name: 'bw' } } });

/** The traffic of the violations count: what each call is, and whether the contract is broken by it or its answer. */
const TRAFFIC = [
  { name: 'bind', method: 'PUT', path: BIND_PATH, body: BIND_BODY },
  { name: 'unbind', method: 'PUT', path: BIND_PATH, body: JSON.stringify({ nic: { subnet_id: '', ip_address: '' } }) },
  { name: 'assign', method: 'POST', path: ASSIGN_PATH, body: assign('5_telcom', 5) },
  { name: 'assign, unknown pool', method: 'POST', path: ASSIGN_PATH, body: assign('no-such-pool', 5) },
  {
    name: 'assign, size 2001 (request breaks the contract)',
    method: 'POST',
    path: ASSIGN_PATH,
    body: assign('5_telcom', 2001),
  },
  {
    name: 'assign, no bandwidth (request breaks the contract)',
    method: 'POST',
    path: ASSIGN_PATH,
    body: JSON.stringify({ publicip: { publicip_pool_name: '5_telcom' } }),
  },
  { name: 'bind, body not JSON (request breaks the contract)', method: 'PUT', path: BIND_PATH, body: '{nic' },
];

async function flagged(
  proxyUrl: string,
  header: string,
): Promise<{ name: string; status: number; flagged: boolean }[]> {
  const out = [];
  for (const call of TRAFFIC) {
    const res = await fetch(`${proxyUrl}${call.path}`, {
      method: call.method,
      headers: { 'Content-Type': 'application/json', 'X-Auth-Token': TOKEN },
      body: call.body,
      signal: AbortSignal.timeout(10_000),
    });
    await res.arrayBuffer();
    const value = res.headers.get(header);
    out.push({ name: call.name, status: res.status, flagged: !!value && value !== '[]' });
  }
  return out;
}

async function load(url: string): Promise<{ rps: number; p99: number; non2xx: number }> {
  const result = await autocannon({
    url: `${url}${BIND_PATH}`,
    method: 'PUT',
    headers: { 'content-type': 'application/json', 'x-auth-token': TOKEN },
    body: BIND_BODY,
    connections: 10,
    duration: SECONDS,
    maxOverallRequests: MAX_REQUESTS,
  });
  // Completed requests over the run's own duration.
  return { rps: result.requests.total / result.duration, p99: result.latency.p99, non2xx: result.non2xx };
}

const emulator = await startServerProcess([BIN, 'emulate', '--port', '0', '--auth', 'token']);
const broken = await startServerProcess([
  path.join(ROOT, 'dist', 'scripts', 'bench', 'broken-upstream.js'),
  '--upstream',
  emulator.url,
]);
const stops: (() => Promise<unknown>)[] = [broken.stop, emulator.stop];
try {
  const hwc = await startServerProcess([BIN, 'proxy', '--upstream', emulator.url, '--port', '0']);
  const hwcBroken = await startServerProcess([BIN, 'proxy', '--upstream', broken.url, '--port', '0']);
  const prism = await startPrism({ spec: SPEC, upstream: emulator.url, port: 0 });
  const prismBroken = await startPrism({ spec: SPEC, upstream: broken.url, port: 0 });
  stops.unshift(hwc.stop, hwcBroken.stop, prism.stop, prismBroken.stop);

  console.log(`bench:proxy — node ${process.version}, autocannon, ${SECONDS} s per run, token auth\n`);
  console.log('violations found (an exchange flagged by the proxy), same calls through each:');
  const rows: string[][] = [['upstream', 'call', 'status', 'hwc-contract proxy', 'prism proxy']];
  const totals = { hwc: 0, prism: 0 };
  for (const [label, ours, theirs] of [
    ['emulator', hwc.url, prism.url],
    ['broken upstream', hwcBroken.url, prismBroken.url],
  ] as const) {
    const a = await flagged(ours, 'x-contract-violations');
    const b = await flagged(theirs, 'sl-violations');
    a.forEach((row, i) => {
      totals.hwc += row.flagged ? 1 : 0;
      totals.prism += b[i]!.flagged ? 1 : 0;
      rows.push([
        label,
        row.name,
        `${row.status} / ${b[i]!.status}`,
        row.flagged ? 'flagged' : '-',
        b[i]!.flagged ? 'flagged' : '-',
      ]);
    });
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`);
  console.log(
    `  flagged: hwc-contract proxy ${totals.hwc} of ${rows.length - 1}, prism proxy ${totals.prism} of ${rows.length - 1} (the broken upstream breaks 4 of its answers, by 3 rules; 3 calls per upstream break the contract themselves)\n`,
  );

  console.log('throughput, a valid bind at c=10:');
  const direct = await load(emulator.url);
  const ours = await load(hwc.url);
  const theirs = await load(prism.url);
  for (const [name, r] of [
    ['emulator, no proxy', direct],
    ['hwc-contract proxy', ours],
    ['prism proxy', theirs],
  ] as const)
    console.log(
      `  ${name.padEnd(20)} ${Math.round(r.rps).toString().padStart(7)} requests/s   p99 ${r.p99} ms   non-2xx ${r.non2xx}`,
    );
  console.log(
    `  hwc-contract proxy ÷ prism proxy ${(ours.rps / theirs.rps).toFixed(2)}×   hwc-contract proxy ÷ no proxy ${(ours.rps / direct.rps).toFixed(2)}×`,
  );
} finally {
  for (const stop of stops) await stop().catch(() => undefined);
}
