// A real node:http server on a free loopback port that records every request it receives and answers from a
// script of replies, for tests that must see exactly what went over the wire (and count attempts).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export interface RecordingServer {
  url: string;
  requests: Recorded[];
  /** Replies for the next requests, in order; when they run out, `fallback` answers. */
  script(...replies: Reply[]): void;
  fallback: (request: Recorded) => Reply;
  close(): Promise<void>;
}

export async function startRecordingServer(
  fallback: (request: Recorded) => Reply = () => ({ status: 200, body: { port_id: 'p' } }),
): Promise<RecordingServer> {
  const queue: Reply[] = [];
  const requests: Recorded[] = [];
  const state = { fallback };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: Recorded = {
        method: req.method ?? '',
        target: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const reply = queue.shift() ?? state.fallback(recorded);
      const answer = () => {
        if (reply.destroy) return void req.socket.destroy();
        const text =
          reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      };
      if (reply.delayMs) setTimeout(answer, reply.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    get fallback() {
      return state.fallback;
    },
    set fallback(f) {
      state.fallback = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
