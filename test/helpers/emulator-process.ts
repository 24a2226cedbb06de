// Starts `hwc-contract emulate` as a user runs it — the installed bin, a real process, a free port — and waits
// for its `listening on` line.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './contract.js';

export interface EmulatorProcess {
  url: string;
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<number | null>;
  /** SIGKILL, then wait for the exit. */
  kill(): Promise<void>;
}

export function runEmulate(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  root = ROOT,
  command = 'emulate',
): ChildProcess {
  return spawn(process.execPath, [path.join(root, 'bin', 'hwc-contract.js'), command, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
}

/** `root`: another copy of the package (its own bin and build); `command`: `mock` prints the same line. */
export async function startEmulatorProcess(
  args: string[] = [],
  env?: NodeJS.ProcessEnv,
  root = ROOT,
  command = 'emulate',
): Promise<EmulatorProcess> {
  const child = runEmulate(['--port', '0', ...args], env, root, command);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not start in 20 s: ${stdout}${stderr}`)), 20_000);
    const onData = () => {
      const match = /^listening on (http:\/\/\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(match[1]!);
      }
    };
    child.stdout?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}: ${stdout}${stderr}`));
    });
  });
  return {
    url,
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
