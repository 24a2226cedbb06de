// `hwc-contract conform` as users and CI run it: exit codes 0/1/2, one-line errors, the JSON and JUnit reports.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES } from '../../src/contract/default-fixtures.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';
import { ROOT } from '../helpers/contract.js';
import { startRecordingServer } from '../helpers/recording-server.js';
import { MUTATIONS, startBrokenServer, type BrokenServer } from './broken-servers.js';

const exec = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'hwc-contract.js');
const dir = mkdtempSync(path.join(tmpdir(), 'hwc-conform-'));
async function conform(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, [BIN, 'conform', ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let emulator: EmulatorServer;
let broken: BrokenServer;
beforeAll(async () => {
  emulator = await serveEmulator({ fixtures: DEFAULT_FIXTURES });
  broken = await startBrokenServer(MUTATIONS['bandwidth-out-of-range-accepted']!);
});
afterAll(async () => {
  await emulator.close();
  await broken.close();
});

describe('hwc-contract conform', () => {
  it('exit 0 against the emulator, with the summary table and the seed', async () => {
    const result = await conform(['--base-url', emulator.url, '--seed', '5']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^check\s+result\s+requests\s+time/m);
    expect(result.stdout).toMatch(
      /12 passed, 0 failed, 0 skipped — \d+ requests in [\d.]+ s \(\d+ req\/s\), seed 5, target stateful/,
    );
  });

  it('exit 1 against a broken server, naming the check, with the expected/actual, the seed and a curl that reproduces it', async () => {
    const result = await conform(['--base-url', broken.url, '--seed', '5', '--only', 'constraint-violations']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✖ constraint-violations');
    expect(result.stdout).toMatch(
      /expected: publicip\.bandwidth\.size breaking "maximum 2000": 400 with the service.s documented error body/,
    );
    expect(result.stdout).toMatch(/actual: {3}201/);
    expect(result.stdout).toContain('seed:     5');
    const curl = /reproduce: (curl .*2001.*)$/m.exec(result.stdout)![1]!;
    // The printed curl, run as printed, shows the fault again.
    // The token is not in the report: the command reads it from $HWC_TOKEN.
    expect(curl).toContain('"X-Auth-Token: $HWC_TOKEN"');
    expect(result.stdout).not.toContain('hwc-demo-token');
    expect(result.stdout).toContain('The commands read credentials from $HWC_TOKEN: export them first.');
    const { stdout } = await exec(
      'sh',
      ['-c', curl.replace('curl -sS -i', 'curl -sS -o /dev/null -w "%{http_code}"')],
      { env: { ...process.env, HWC_TOKEN: 'hwc-demo-token' } },
    );
    expect(stdout).toBe('201');
  });

  it('writes JSON and JUnit reports (a folder for both); the JUnit names a test case per check', async () => {
    const out = path.join(dir, 'reports');
    const result = await conform([
      '--base-url',
      broken.url,
      '--seed',
      '5',
      '--reporter',
      'json',
      'junit',
      '--output',
      out,
    ]);
    expect(result.code).toBe(1);
    const report = JSON.parse(readFileSync(path.join(out, 'conformance.json'), 'utf8')) as {
      seed: number;
      checks: { name: string; status: string }[];
    };
    expect(report.seed).toBe(5);
    expect(report.checks.find((c) => c.name === 'constraint-violations')!.status).toBe('failed');
    const junit = readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect(junit).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="hwc-contract conform" tests="12" failures="1" skipped="0"/,
    );
    expect(junit.match(/<testcase /g)).toHaveLength(12);
    expect(junit).toMatch(
      /<testcase classname="hwc-contract.conform" name="constraint-violations" time="[\d.]+">\n\s+<failure message="/,
    );
    expect(junit).not.toMatch(/<failure[^>]*>[^<]*<(?!\/failure)/);
    // No token in any report.
    expect(junit + readFileSync(path.join(out, 'conformance.json'), 'utf8')).not.toContain('hwc-demo-token');
  });

  it('--dry-run prints every request as a command aimed at the target, and sends it nothing', async () => {
    const target = await startRecordingServer();
    try {
      const result = await conform(['--base-url', target.url, '--dry-run', '--seed', '9', '--max-examples', '3']);
      expect(result.code).toBe(0);
      expect(target.requests).toEqual([]);
      const count = Number(
        /^# conform --dry-run: the (\d+) requests a run with seed 9 sends to/.exec(result.stdout)![1],
      );
      const commands = result.stdout.split('\n').filter((line) => /^(curl |hwc-contract sign )/.test(line));
      expect(commands).toHaveLength(count);
      for (const command of commands) expect(command).toContain(`'${target.url}/v`);
      expect(result.stdout).not.toContain('hwc-demo-token');
      expect(result.stdout).not.toContain(DEFAULT_FIXTURES.credentials![0]!.sk);
      expect(result.stdout).toMatch(/^# On a target that conforms, the run creates .*: \d+ EIP\(s\)/m);
      // The rehearsal is the run: against a fresh conforming target, the same seed sends as many requests.
      const fresh = await serveEmulator({ fixtures: DEFAULT_FIXTURES });
      try {
        const real = await conform([
          '--base-url',
          fresh.url,
          '--seed',
          '9',
          '--max-examples',
          '3',
          '--reporter',
          'json',
        ]);
        expect(JSON.parse(real.stdout).requests).toBe(count);
      } finally {
        await fresh.close();
      }
    } finally {
      await target.close();
    }
  });

  it('before a run against a host other machines share (0.0.0.0 here), says on stderr what it will create', async () => {
    const port = new URL(emulator.url).port;
    const result = await conform(['--base-url', `http://0.0.0.0:${port}`, '--seed', '9', '--max-examples', '3']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /0\.0\.0\.0:\d+ is not this machine: the run sends about \d+ requests and, on a target that conforms, creates \d+ EIP\(s\) \(dedicated bandwidth \d+–\d+ Mbit\/s\).*--dry-run/,
    );
    const quiet = await conform(['--base-url', emulator.url, '--seed', '9', '--max-examples', '3']);
    expect(quiet.stderr).not.toContain('is not this machine');
  });

  it('--help lists exactly the checks of the registry', async () => {
    const { checkNames } = await import('../../src/conformance/runner.js');
    const { stdout } = await exec(process.execPath, [BIN, 'conform', '--help'], { cwd: ROOT });
    expect(/Checks: (.*)$/m.exec(stdout)![1]!.split(', ')).toEqual(checkNames());
  });

  it.each([
    [
      ['--base-url', 'http://127.0.0.1:9'],
      /^hwc-contract: conform: cannot reach http:\/\/127\.0\.0\.1:9: ECONNREFUSED$/m,
    ],
    [['--base-url', 'ftp://x'], /--base-url must be an http/],
    [['--base-url', 'http://127.0.0.1:9', '--only', 'nope'], /there is no check "nope"/],
    [['--base-url', 'http://127.0.0.1:9', '--reporter', 'xml'], /unknown reporter "xml"/],
    [['--base-url', 'http://127.0.0.1:9', '--ak', 'AK-only'], /need both --ak and --sk/],
    [[], /required option '--base-url <url>' not specified/],
  ])('exit 2 with one clear line: %j', async (args, message) => {
    const result = await conform(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('signs with --ak/--sk (the tampered-signature part of auth-invalid runs too); the SK never appears in the output', async () => {
    const result = await conform([
      '--base-url',
      emulator.url,
      '--seed',
      '5',
      '--ak',
      'HWCDEMOAK00000000001',
      '--sk',
      'hwc-demo-secret-key-1',
      '--project-id',
      DEFAULT_FIXTURES.projects[0]!.id,
      '--only',
      'auth-invalid',
      'documented-examples',
      '--reporter',
      'pretty',
      'json',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('hwc-demo-secret-key-1');
    const json = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      checks: { name: string; requests: number }[];
    };
    // An unknown token on each of the two operations, a signed unbind and its tampered copy.
    expect(json.checks.find((c) => c.name === 'auth-invalid')!.requests).toBe(4);
  });
});
