// `hwc-contract mock` as a user runs it: the installed bin in a real process, on a free port; every curl
// command it prints is run as printed and gets the documented success status.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/contract.js';

const exec = promisify(execFile);

describe('hwc-contract mock --port 0', () => {
  let child: ChildProcess;
  let stdout = '';
  beforeAll(async () => {
    child = spawn(process.execPath, [path.join(ROOT, 'bin', 'hwc-contract.js'), 'mock', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    // The curl list follows the listening line; wait until the last operation's curl has been printed.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`mock did not start: ${stdout}`)), 45_000);
      const poll = setInterval(() => {
        if (/# CreatePublicIpV3[^\n]*\ncurl[^\n]*\n/.test(stdout)) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve();
        }
      }, 50);
      child.once('exit', (code) => reject(new Error(`mock exited with ${code}: ${stdout}`)));
    });
  });
  afterAll(async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  });

  it('prints its URL first, then a curl per documented request example', () => {
    expect(stdout.split('\n')[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(stdout.match(/^curl /gm)).toHaveLength(3);
  });

  it('prints curl commands that work as printed', async () => {
    const commands = stdout.split('\n').filter((line) => line.startsWith('curl '));
    const statuses = [];
    for (const command of commands) {
      const { stdout: reply } = await exec('bash', ['-c', command], { timeout: 10_000 });
      statuses.push(reply.split('\r\n')[0]);
      expect(reply.toLowerCase()).toContain('x-request-id:');
    }
    expect(statuses).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK', 'HTTP/1.1 201 Created']);
  });
});
