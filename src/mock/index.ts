// The Prism contract mock as a library (`hwc-contract/mock`), for test suites: `startMock()` serves the
// package's contract (or another, by file or URL) on a free loopback port; `close()` stops it. Prism runs behind
// a watchdog (prism.ts), so it never outlives the process that started it — even one killed without a chance
// to call close(). Needs the optional peer dependency @stoplight/prism-cli (a MissingToolError says so).
import path from 'node:path';
import { packageRoot } from '../contract/package-root.js';
import { specRef } from '../contract/spec-ref.js';
import { assertCanListen } from '../contract/listen-error.js';
import { startPrism } from './prism.js';

export { PrismStartError } from './prism.js';
export { ListenError } from '../contract/listen-error.js';
export { MissingToolError } from '../contract/optional-tools.js';

export interface MockOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Another contract to serve: a file (relative to the working folder) or an http(s) URL. Default: the package's. */
  spec?: string;
  /** Give up when Prism has not started after this long (default 30 000 ms). */
  startTimeoutMs?: number;
  /** Called with each line Prism prints. */
  onLine?: (line: string) => void;
}

export interface Mock {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Stops Prism; resolves once it has exited. */
  close(): Promise<void>;
}

export async function startMock(options: MockOptions = {}): Promise<Mock> {
  const root = packageRoot();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  // Prism's own answer to a port in use is its usage text: a ListenError first, in one line.
  await assertCanListen(host, port);
  const prism = await startPrism({
    spec: options.spec === undefined ? path.join(root, 'generated', 'openapi.json') : specRef(root, options.spec),
    host,
    port,
    ...(options.startTimeoutMs !== undefined && { startTimeoutMs: options.startTimeoutMs }),
    ...(options.onLine && { onLine: options.onLine }),
  });
  return {
    url: prism.url,
    close: async () => {
      await prism.stop();
    },
  };
}
