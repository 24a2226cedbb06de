// A baseline of bench:proxy: the emulator (token auth, default fixtures) behind a forwarder that breaks three
// rules of the contract, so that both proxies have something to find: a bind answers 202 (not documented), an
// assign's 201 body lacks the EIP's required `status`, and a 404 comes without X-Request-Id. Everything else is
// forwarded as it is. Run as its own process; prints its URL on stdout.
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { upstream: { type: 'string' } } });
const upstream = new URL(values.upstream!);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const headers = { ...req.headers, 'content-length': String(body.length) };
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          let status = up.statusCode ?? 502;
          let text = Buffer.concat(parts).toString('utf8');
          const out: Record<string, string> = { 'content-type': String(up.headers['content-type'] ?? '') };
          if (up.headers['x-request-id']) out['x-request-id'] = String(up.headers['x-request-id']);
          if (req.method === 'PUT' && status === 200) status = 202;
          if (req.method === 'POST' && status === 201) {
            const json = JSON.parse(text) as { publicip: Record<string, unknown> };
            delete json.publicip.status;
            text = JSON.stringify(json);
          }
          if (status === 404) delete out['x-request-id'];
          out['content-length'] = String(Buffer.byteLength(text));
          res.writeHead(status, out);
          res.end(text);
        });
      },
    );
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
