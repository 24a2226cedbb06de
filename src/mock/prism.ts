// Starts Stoplight Prism as a child process serving the bundled contract, and stops it again.
// Prism answers with the contract's documented examples, validates requests against it (an invalid body
// gets the contract's 400 example, with the violations in an `sl-violations` header) and checks that
// credentials are present (401 otherwise). See https://docs.stoplight.io/docs/prism
// Prism never outlives the process that started it, however that ends (a signal, SIGKILL, a crash): it runs
// behind a watchdog that exits when its stdin — a pipe from this process, never written to — reaches its end,
// which the kernel makes happen when this process is gone.
import { resolveTool } from '../contract/optional-tools.js';
import { UserError } from '../contract/user-error.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Run as `node -e WATCHDOG PRISM_BIN ARGS…`: exits when stdin ends (the parent is gone), then runs Prism's CLI
 * in this same process with its own argv.
 */
const WATCHDOG = `
process.stdin.on('data', () => {}).on('end', () => process.exit(0)).on('error', () => process.exit(0));
const [bin, ...args] = process.argv.slice(1);
process.argv = [process.argv[0], bin, ...args];
require(bin);
`;
const LISTENING = /Prism is listening on (http:\/\/\S+)/;

/** Prism did not start (a port in use, a bad spec): its last lines of output, at most six. */
export class PrismStartError extends UserError {
  override readonly name = 'PrismStartError';
  constructor(message: string) {
    super(message.split('\n').slice(0, 6).join('\n'));
  }
}
export interface PrismOptions {
  spec: string;
  /** `prism proxy` to this URL instead of `prism mock` (its violations in the `sl-violations` header). */
  upstream?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Give up when Prism has not started after this long. */
  startTimeoutMs?: number;
  /** Called with each line Prism prints. */
  onLine?: (line: string) => void;
}

export interface PrismHandle {
  url: string;
  child: ChildProcess;
  /** Resolves with Prism's exit code once it has exited. */
  exited: Promise<number>;
  stop(): Promise<number>;
}

export function prismBinary(): string {
  const packageJson = resolveTool('the mock', () => require.resolve('@stoplight/prism-cli/package.json'));
  return path.join(path.dirname(packageJson), 'dist', 'index.js');
}

export function startPrism(options: PrismOptions): Promise<PrismHandle> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const mode = options.upstream === undefined ? ['mock', options.spec] : ['proxy', options.spec, options.upstream];
  const args = [prismBinary(), ...mode, '-h', host, '-p', String(port)];
  const child = spawn(process.execPath, ['-e', WATCHDOG, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  const exited = new Promise<number>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  return new Promise((resolve, reject) => {
    const recent: string[] = [];
    let started = false;
    const timer = setTimeout(() => {
      void stop();
      reject(
        new PrismStartError(`Prism did not start within ${options.startTimeoutMs ?? 30000} ms:\n${recent.join('\n')}`),
      );
    }, options.startTimeoutMs ?? 30000);
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        options.onLine?.(line);
        recent.push(line);
        if (recent.length > 20) recent.shift();
        const match = LISTENING.exec(line);
        if (match?.[1] && !started) {
          started = true;
          clearTimeout(timer);
          resolve({ url: match[1], child, exited, stop });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      if (started) return;
      clearTimeout(timer);
      reject(new PrismStartError(`Prism exited with code ${code} before listening:\n${recent.join('\n')}`));
    });
  });
}
