// A port that cannot be listened on, said the same way by `emulate`, `mock` and `proxy`: one line, exit 2.
import { createServer, type Server } from 'node:net';
import { UserError } from './user-error.js';

/** The address cannot be listened on (in use, not this machine's, not permitted). */
export class ListenError extends UserError {
  override readonly name = 'ListenError';
}

const REASONS: Readonly<Record<string, string>> = {
  EADDRINUSE: 'the port is in use',
  EACCES: 'not permitted (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'the address is not one of this machine’s',
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'no such host',
};

/** The ListenError for a failed `listen`, or undefined when the failure is not about the address. */
export function listenError(host: string, port: number, error: unknown): ListenError | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === undefined ? undefined : REASONS[code];
  return reason === undefined ? undefined : new ListenError(`cannot listen on ${host}:${port}: ${reason} (${code})`);
}

/**
 * Throws a ListenError when `host:port` cannot be listened on now: for servers started in a child process
 * (Prism), whose own message for it is not one line. Port 0 always can.
 */
export async function assertCanListen(host: string, port: number): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (error) => reject(listenError(host, port, error) ?? error));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Listens, or throws the ListenError for the address (any other failure as it is). */
export async function listenOn(server: Server, host: string, port: number): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    throw listenError(host, port, error) ?? error;
  }
}
