// The baseline server of the benchmarks: bare node:http answering every request with the same small JSON
// (the documented bind response), keep-alive on. Run as its own process; prints its URL on stdout.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const BODY = Buffer.from('{"port_id":"d32019d3-bc6e-4319-9c1d-6722fc136a23"}');

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': BODY.length, 'x-request-id': 'bench' });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
