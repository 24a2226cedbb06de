// The baseline server of the benchmarks: bare node:http answering every request with the same JSON, keep-alive
// on. By default that is the documented bind response (200); `--status` and `--body-file` give it another
// fixed answer — the benchmarks pass the emulator's own answer to the request under load, so that both send
// the same status and the same bytes. Run as its own process; prints its URL on stdout.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    status: { type: 'string', default: '200' },
    'body-file': { type: 'string' },
  },
});
const STATUS = Number(values.status);
const BODY = values['body-file']
  ? readFileSync(values['body-file'])
  : Buffer.from('{"port_id":"d32019d3-bc6e-4319-9c1d-6722fc136a23"}');

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(STATUS, {
      'content-type': 'application/json',
      'content-length': BODY.length,
      'x-request-id': 'fe3a1b2c4d5e6f708192a3b4c5d6e7f8',
    });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(values.port), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
