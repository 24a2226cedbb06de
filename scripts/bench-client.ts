// `npm run bench:client`: the client against the official Huawei SDK and the bare transports, all in one run,
// against the same local node:http server (its own process). Prints figures and ratios; asserts nothing.
//   cold start   fresh process: import + create client + first signed request (median of N)
//   throughput   requests/s and client CPU µs per request at the same concurrency, each client in a fresh process
import path from 'node:path';
import { BENCH_DIR, median, runNode, startServerProcess } from './bench/processes.js';

const COUNT = Number(process.env.BENCH_REQUESTS ?? 4000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);

const server = await startServerProcess([path.join(BENCH_DIR, 'fixed-json-server.js')]);
try {
  console.log(
    `server: bare node:http, fixed JSON, ${server.url}; ${COUNT} requests per client at concurrency ${CONCURRENCY} (at most ${SECONDS} s), node ${process.version}\n`,
  );

  // --- cold start ---
  // Runs interleaved (node, ours, SDK, node, ours, SDK …) so that drift in the machine's load hits all three.
  const coldVariants = ['node', 'hwc-contract', 'official-sdk'];
  const samples: Record<string, number[]> = { node: [], 'hwc-contract': [], 'official-sdk': [] };
  for (let run = 0; run < COLD_RUNS; run += 1) {
    for (const variant of coldVariants)
      samples[variant]!.push(Number(runNode([path.join(BENCH_DIR, 'cold-start.js'), variant, server.url]).trim()));
  }
  const cold: Record<string, number> = {};
  for (const variant of coldVariants) {
    cold[variant] = median(samples[variant]!);
    console.log(
      `cold start ${variant.padEnd(14)} median ${cold[variant]!.toFixed(1)} ms since process start (runs: ${samples[variant]!.map((s) => s.toFixed(0)).join(', ')})`,
    );
  }
  const ours = cold['hwc-contract']! - cold.node!;
  const theirs = cold['official-sdk']! - cold.node!;
  console.log(
    `cold start beyond bare node: hwc-contract ${ours.toFixed(1)} ms, official SDK ${theirs.toFixed(1)} ms → ${(theirs / ours).toFixed(1)}× faster (target ≥ 10×)`,
  );
  console.log(`cold start whole: ${(cold['official-sdk']! / cold['hwc-contract']!).toFixed(1)}× faster\n`);

  // --- throughput ---
  const variants = [
    'undici.request',
    'node:http',
    'fetch',
    'openapi-fetch+fetch',
    'hwc-contract',
    'hwc-contract.PUT',
    'hwc-contract+fetch',
    'official-sdk',
  ];
  const results: Record<string, { rps: number; cpuUsPerRequest: number }> = {};
  console.log('client (hwc-contract = its helpers; .PUT = its raw typed method; +fetch = on global fetch)');
  console.log('client                 signed  requests/s   CPU µs/request');
  for (const variant of variants) {
    const out = JSON.parse(
      runNode([
        path.join(BENCH_DIR, 'client-worker.js'),
        variant,
        server.url,
        String(COUNT),
        String(CONCURRENCY),
        String(SECONDS),
      ]),
    ) as { requests: number; ms: number; cpuUs: number };
    const result = { rps: (out.requests / out.ms) * 1000, cpuUsPerRequest: out.cpuUs / out.requests };
    results[variant] = result;
    const signed = variant.startsWith('hwc-contract') || variant === 'official-sdk' ? 'yes' : 'no';
    console.log(
      `${variant.padEnd(22)} ${signed.padEnd(7)} ${result.rps.toFixed(0).padStart(10)} ${result.cpuUsPerRequest.toFixed(0).padStart(15)}`,
    );
  }
  const r = (a: string, b: string) => results[a]!.rps / results[b]!.rps;
  const c = (a: string, b: string) => results[a]!.cpuUsPerRequest / results[b]!.cpuUsPerRequest;
  console.log('');
  console.log(
    `hwc-contract vs official SDK:           ${r('hwc-contract', 'official-sdk').toFixed(2)}× requests/s (target ≥ 1.5×), ${c('official-sdk', 'hwc-contract').toFixed(2)}× less CPU per request`,
  );
  console.log(
    `hwc-contract vs openapi-fetch on fetch: ${r('hwc-contract', 'openapi-fetch+fetch').toFixed(2)}× requests/s (ours signs, it does not)`,
  );
  console.log(
    `hwc-contract.PUT (raw typed method) vs openapi-fetch on fetch: ${r('hwc-contract.PUT', 'openapi-fetch+fetch').toFixed(2)}× requests/s; vs official SDK ${r('hwc-contract.PUT', 'official-sdk').toFixed(2)}×`,
  );
  console.log(`hwc-contract vs plain fetch:            ${r('hwc-contract', 'fetch').toFixed(2)}× requests/s`);
  console.log(
    `hwc-contract vs undici.request (floor): ${r('hwc-contract', 'undici.request').toFixed(2)}× requests/s, ${c('hwc-contract', 'undici.request').toFixed(2)}× its CPU per request`,
  );
  console.log(
    `hwc-contract vs bare node:http (its transport): ${r('hwc-contract', 'node:http').toFixed(2)}× requests/s, ${c('hwc-contract', 'node:http').toFixed(2)}× its CPU per request`,
  );
  console.log(
    `hwc-contract: node:http transport vs global fetch transport: ${r('hwc-contract', 'hwc-contract+fetch').toFixed(2)}× requests/s\n`,
  );

  // The installed size of what `npm install hwc-contract` brings: `npm run bench:install`.
} finally {
  await server.stop();
}
