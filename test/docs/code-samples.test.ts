// The docs' code samples do what they say: every sample of every operation of the contract — curl, the
// TypeScript client, the official SDK — is written to a file, run against the real emulator (fresh state for
// each) with its credentials in the environment, and prints the operation's documented success status. The
// TypeScript ones also type-check against the built package, as a user's project would import it.
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/contract/default-fixtures.js';
import { type CodeSample, codeSamples, SAMPLE_ENV } from '../../src/docs/code-samples.js';
import { decorateForDocs } from '../../src/docs/decorate.js';
import { type Emulator, startEmulator } from '../../src/emulator/index.js';
import { bundled, ROOT } from '../helpers/contract.js';

const exec = promisify(execFile);
// Inside the repository, so that `import 'hwc-contract'` resolves to this package as it would once installed.
const DIR = path.join(ROOT, 'test-output', 'code-samples');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

type Node = Record<string, unknown>;
const document = bundled as Node;
const operations = Object.entries(document.paths as Record<string, Node>).flatMap(([p, item]) =>
  METHODS.filter((m) => item[m]).map((method) => {
    const operation = item[method] as Node;
    const success = Object.keys(operation.responses as Node).find((status) => /^2/.test(status))!;
    return { path: p, method, id: String(operation.operationId), success };
  }),
);

let emulator: Emulator;
beforeAll(async () => {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  emulator = await startEmulator({ auth: 'any' });
});
afterAll(() => emulator?.close());

const fileName = (id: string, sample: CodeSample) =>
  `${id}-${sample.label.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}.${sample.lang === 'curl' ? 'sh' : 'mjs'}`;

/** Runs a sample as a user would paste it, with the demo credentials in the environment; returns its output. */
async function run(file: string, sample: CodeSample): Promise<string> {
  const env = {
    PATH: process.env.PATH,
    [SAMPLE_ENV.token]: DEMO.token,
    [SAMPLE_ENV.ak]: DEMO.ak,
    [SAMPLE_ENV.sk]: DEMO.sk,
  };
  const [command, args] = sample.lang === 'curl' ? ['bash', [file]] : [process.execPath, [file]];
  const { stdout } = await exec(command, args, { cwd: DIR, env, timeout: 30_000 });
  return stdout;
}

/** The status a sample printed: curl's status line, or the first word the scripts print. */
const printedStatus = (sample: CodeSample, stdout: string) =>
  sample.lang === 'curl' ? /^HTTP\/[\d.]+ (\d{3})/.exec(stdout)?.[1] : stdout.split(/\s/)[0];

describe('the docs carry code samples made from the contract', () => {
  it('each operation has curl and TypeScript samples per request example, and the ECS one the official SDK', () => {
    const labels = (p: string, m: string) => codeSamples(document, p, m).map((s) => s.label);
    expect(labels('/v1/{project_id}/cloudservers/nics/{nic_id}', 'put')).toEqual([
      'curl (bind)',
      'TypeScript client (bind)',
      'Official SDK (bind)',
      'curl (unbind)',
      'TypeScript client (unbind)',
      'Official SDK (unbind)',
    ]);
    // The official SDK has no EIP v3 assign (facts D.1): no sample pretends otherwise.
    expect(labels('/v3/{project_id}/eip/publicips', 'post')).toEqual(['curl', 'TypeScript client']);
    const unbind = codeSamples(document, '/v1/{project_id}/cloudservers/nics/{nic_id}', 'put')[5]!;
    expect(unbind.source).toContain('client.disassociateServerVirtualIp({');
    // The page's samples call Huawei's regional endpoints, and the decorated document carries them.
    const decorated = decorateForDocs(document) as { paths: Record<string, Record<string, Node>> };
    const samples = decorated.paths['/v3/{project_id}/eip/publicips']!.post!['x-codeSamples'] as CodeSample[];
    expect(samples[0]!.source).toContain("'https://vpc.cn-north-4.myhuaweicloud.com/v3/");
    // No credential is written out: each sample reads it from the environment.
    for (const sample of samples) expect(sample.source).not.toContain(DEMO.token);
  });

  for (const operation of operations) {
    it(`${operation.id}: every sample, run against the emulator, gets ${operation.success}`, async () => {
      const samples = codeSamples(document, operation.path, operation.method, { endpoint: emulator.url });
      expect(samples.length).toBeGreaterThan(0);
      for (const sample of samples) {
        await emulator.reset();
        const file = path.join(DIR, fileName(operation.id, sample));
        writeFileSync(file, sample.source);
        const stdout = await run(file, sample);
        expect({ sample: sample.label, status: printedStatus(sample, stdout) }).toEqual({
          sample: sample.label,
          status: operation.success,
        });
      }
    }, 60_000);
  }

  it('the TypeScript samples type-check against the package', async () => {
    const files: string[] = [];
    for (const operation of operations)
      for (const sample of codeSamples(document, operation.path, operation.method))
        if (sample.lang === 'TypeScript') {
          const file = fileName(operation.id, sample).replace(/\.mjs$/, '.mts');
          writeFileSync(path.join(DIR, file), sample.source);
          files.push(file);
        }
    writeFileSync(
      path.join(DIR, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        },
        files,
      }),
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await exec(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: DIR }).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(result.stdout).toBe('');
  }, 60_000);
});
