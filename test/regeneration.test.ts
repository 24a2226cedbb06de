// A spec edit is regenerate-and-go, shown on a copy of the repository as a maintainer makes one: a new GET
// operation with path parameters and no body (ShowPublicip), a new optional field with a limit (`remark`,
// maxLength 10) and a tightened limit (bandwidth size maximum 2000 → 1000). After `hwc-contract generate` there
// (which rebuilds the copy's dist/), the new path type-checks in `client.GET`, the copy's emulator and mock start
// and answer it, its runner sends it requests and breaks the new field's constraints, and its docs show it. The
// package's own CLI reads the same edited contract with `--spec`, with no build.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../src/contract/default-fixtures.js';
import { ROOT } from './helpers/contract.js';
import { type CodeSample, codeSamples } from '../src/docs/code-samples.js';
import { type EmulatorProcess, startEmulatorProcess } from './helpers/emulator-process.js';

const exec = promisify(execFile);
const SHOW = '/v3/{project_id}/eip/publicips/{publicip_id}';
const EIP_ID = '0c464dad-86f3-4953-8bd4-c22bb0eb0bde';

const SHOW_PATH = `parameters:
  - $ref: ../components/parameters/EipProjectId.yaml
  - name: publicip_id
    in: path
    required: true
    description: The EIP's ID.
    schema:
      type: string
      minLength: 1
      maxLength: 36
    example: ${EIP_ID}
get:
  operationId: ShowPublicip
  summary: Query an EIP
  description: Shows one EIP of the project.
  tags: [EIP]
  parameters:
    - name: fields
      in: query
      required: false
      description: How many fields to show.
      schema:
        type: integer
        minimum: 1
        maximum: 20
      example: 5
    - name: X-Trace-Id
      in: header
      required: false
      description: A trace ID of at most 8 characters.
      schema:
        type: string
        maxLength: 8
      example: abc
  responses:
    "200":
      description: The EIP.
      headers:
        X-Request-Id:
          $ref: ../components/headers/X-Request-Id.yaml
      content:
        application/json:
          schema:
            type: object
            required: [publicip, request_id]
            properties:
              publicip:
                $ref: ../components/schemas/PublicipResp.yaml
              request_id:
                type: string
                description: The ID of this request.
    "400":
      $ref: ../components/responses/EipBadRequest.yaml
    "401":
      $ref: ../components/responses/Unauthorized.yaml
    "404":
      $ref: ../components/responses/EipNotFound.yaml
delete:
  operationId: DeletePublicipV3
  summary: Release an EIP
  description: Releases one EIP of the project.
  tags: [EIP]
  responses:
    "204":
      description: The EIP was released.
      headers:
        X-Request-Id:
          $ref: ../components/headers/X-Request-Id.yaml
    "400":
      $ref: ../components/responses/EipBadRequest.yaml
    "401":
      $ref: ../components/responses/Unauthorized.yaml
    "404":
      $ref: ../components/responses/EipNotFound.yaml
`;

let copy: string;
let emulator: EmulatorProcess | undefined;
/** A command's output whatever its exit code (conform exits 1 with findings, and still prints its report). */
const output = (run: Promise<{ stdout: string }>) => run.catch((error: { stdout: string }) => error);
const cli = (args: string[], root = copy) =>
  exec(process.execPath, [path.join(root, 'bin', 'hwc-contract.js'), ...args], { cwd: copy, maxBuffer: 32 << 20 });

beforeAll(async () => {
  copy = mkdtempSync(path.join(tmpdir(), 'hwc-regenerate-'));
  for (const entry of [
    'bin',
    'spec',
    'src',
    'generated',
    'scripts',
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'redocly.yaml',
  ])
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');

  writeFileSync(path.join(copy, 'spec', 'paths', 'eip-publicip.yaml'), SHOW_PATH);
  const root = path.join(copy, 'spec', 'openapi.yaml');
  writeFileSync(
    root,
    readFileSync(root, 'utf8').replace(
      '    $ref: paths/eip-publicips.yaml\n',
      `    $ref: paths/eip-publicips.yaml\n  ${SHOW}:\n    $ref: paths/eip-publicip.yaml\n`,
    ),
  );
  const eip = path.join(copy, 'spec', 'components', 'schemas', 'EIPAddDict.yaml');
  writeFileSync(
    eip,
    readFileSync(eip, 'utf8').replace(
      '  billing_info:\n',
      '  remark:\n    type: string\n    maxLength: 10\n    description: A short note.\n  billing_info:\n',
    ),
  );
  const bandwidth = path.join(copy, 'spec', 'components', 'schemas', 'PublicipBandwidthInfo.yaml');
  writeFileSync(bandwidth, readFileSync(bandwidth, 'utf8').replace('maximum: 2000', 'maximum: 1000'));

  // The copy has no build yet: build it, then regenerate as a maintainer does (generate rebuilds by itself).
  await exec('npm', ['run', '-s', 'build'], { cwd: copy });
  const generated = await cli(['generate']);
  expect(generated.stdout).toContain('wrote generated/openapi.json');
  expect(generated.stdout).toContain('rebuilding dist/');
}, 240_000);

afterAll(async () => {
  await emulator?.stop();
  rmSync(copy, { recursive: true, force: true });
});

describe('after a spec edit and `hwc-contract generate` in a copy of the repository', () => {
  it('generate --check is clean: generated/ is in step with spec/, dist/ with generated/', async () => {
    expect((await cli(['generate', '--check'])).stdout).toContain('dist/ with generated/');
  });

  it('client.GET on the new path type-checks, with its path parameters required', async () => {
    writeFileSync(
      path.join(copy, 'src', 'consumer.ts'),
      `import { createClient } from './index.js';
import type { components } from '../generated/schema.js';
const client = createClient({ endpoint: 'http://127.0.0.1:1', credentials: { token: 't', projectId: 'p' } });
export async function show() {
  const { data } = await client.GET('${SHOW}', { params: { path: { project_id: 'p', publicip_id: 'e' } } });
  const remark: components['schemas']['EIPAddDict']['remark'] = 'a note';
  // @ts-expect-error publicip_id is required
  await client.GET('${SHOW}', { params: { path: { project_id: 'p' } } });
  return [data?.publicip.id, remark];
}
`,
    );
    const result = await exec(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'],
      { cwd: copy },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout, failed: true }));
    expect(result.stdout).toBe('');
    rmSync(path.join(copy, 'src', 'consumer.ts'));
  }, 120_000);

  it('the emulator names the new operation at start-up and answers it, after validating, with its example', async () => {
    emulator = await startEmulatorProcess([], process.env, copy);
    for (let i = 0; i < 100 && !emulator.stdout().includes('admin '); i++) await new Promise((r) => setTimeout(r, 20));
    expect(emulator.stdout()).toContain("answered from the contract's examples (no stateful handler): ShowPublicip");
    const headers = { 'X-Auth-Token': DEMO.token };
    const show = await fetch(`${emulator.url}/v3/${DEMO.project}/eip/publicips/${EIP_ID}`, { headers });
    expect(show.status).toBe(200);
    expect(show.headers.get('x-emulator-example')).toBe('schema');
    expect(show.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(((await show.json()) as { publicip: { id: string } }).publicip.id).toEqual(expect.any(String));
    const tooLong = await fetch(`${emulator.url}/v3/${DEMO.project}/eip/publicips/${'x'.repeat(37)}`, { headers });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error_code: string }).error_code).toBe('VPC.0501');
    expect((await fetch(`${emulator.url}/v3/${DEMO.project}/eip/publicips/${EIP_ID}`)).status).toBe(401);
    // Query and header parameters: read as their types, then validated.
    const one = `${emulator.url}/v3/${DEMO.project}/eip/publicips/${EIP_ID}`;
    expect((await fetch(`${one}?fields=20`, { headers: { ...headers, 'X-Trace-Id': 'abcdefgh' } })).status).toBe(200);
    for (const query of ['fields=21', 'fields=0', 'fields=two', 'fields=1.5']) {
      const answer = await fetch(`${one}?${query}`, { headers });
      expect(answer.status, query).toBe(400);
      expect(((await answer.json()) as { error_msg: string }).error_msg, query).toContain('fields');
    }
    const trace = await fetch(one, { headers: { ...headers, 'X-Trace-Id': 'abcdefghi' } });
    expect(trace.status).toBe(400);
    // A 204: no body, no Content-Type, the request ID all the same.
    const released = await fetch(one, { method: 'DELETE', headers });
    expect(released.status).toBe(204);
    expect(released.headers.get('content-type')).toBeNull();
    expect(released.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await released.text()).toBe('');

    const assign = (publicip: Record<string, unknown>) =>
      fetch(`${emulator!.url}/v3/${DEMO.project}/eip/publicips`, {
        method: 'POST',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          publicip: {
            publicip_pool_name: '5_telcom',
            bandwidth: { size: 5, share_type: 'PER', name: 'b' },
            ...publicip,
          },
        }),
      });
    expect((await assign({ remark: 'short' })).status).toBe(201);
    expect((await assign({ remark: 'far too long' })).status).toBe(400);
    expect((await assign({ bandwidth: { size: 1001, share_type: 'PER', name: 'b' } })).status).toBe(400);
  }, 60_000);

  it('its runner sends the new operation requests and breaks the new field’s constraints; all checks pass', async () => {
    const { stdout } = await output(cli(['conform', '--base-url', emulator!.url, '--seed', '9', '--reporter', 'json']));
    const report = JSON.parse(stdout) as {
      checks: { name: string; status: string; findings: unknown[] }[];
      coverage: {
        operations: {
          operationId: string;
          requests: number;
          constraints: { exercised: number; total: number; notExercised: string[] };
          statuses: { seen: string[]; undocumented: number[] };
        }[];
      };
    };
    expect(report.checks.filter((c) => c.status === 'failed').flatMap((c) => c.findings)).toEqual([]);
    const show = report.coverage.operations.find((o) => o.operationId === 'ShowPublicip')!;
    expect(show.requests).toBeGreaterThan(3);
    expect(show.statuses.seen).toEqual(expect.arrayContaining(['200', '400', '401']));
    expect(show.statuses.undocumented).toEqual([]);
    // project_id's maxLength 32, publicip_id's maxLength 36 (a minLength of 1 is kept by routing), fields' type,
    // fraction, minimum and maximum, X-Trace-Id's maxLength.
    expect(show.constraints).toMatchObject({ exercised: 7, total: 7 });
    const release = report.coverage.operations.find((o) => o.operationId === 'DeletePublicipV3')!;
    expect(release.statuses.seen).toEqual(expect.arrayContaining(['204', '401']));
    const assign = report.coverage.operations.find((o) => o.operationId === 'CreatePublicIpV3')!;
    expect(assign.constraints.exercised).toBe(assign.constraints.total);
  }, 120_000);

  it('the package’s own CLI tests against the edited contract with --spec, no build: a server without it fails', async () => {
    const spec = path.join(copy, 'spec', 'openapi.yaml');
    const good = await output(
      cli(['conform', '--spec', spec, '--base-url', emulator!.url, '--seed', '9', '--reporter', 'json'], ROOT),
    );
    const report = JSON.parse(good.stdout) as {
      checks: { status: string }[];
      coverage: { operations: { operationId: string; constraints: { notExercised: string[]; total: number } }[] };
    };
    expect(report.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(report.coverage.operations.map((o) => o.operationId)).toContain('ShowPublicip');
    // The package's own emulator has no ShowPublicip and the old limits: the edited contract's runner says so.
    const own = await startEmulatorProcess();
    try {
      const bad = await cli(
        [
          'conform',
          '--spec',
          spec,
          '--base-url',
          own.url,
          '--seed',
          '9',
          '--only',
          'constraint-violations',
          'documented-examples',
          'schema-valid-requests',
        ],
        ROOT,
      ).catch((error: { code: number; stdout: string }) => error);
      expect((bad as { code?: number }).code).toBe(1);
      // It rejects `remark` as an unknown field, and takes a size of 1001.
      expect(bad.stdout, bad.stdout).toMatch(/rejected a valid request/);
      expect(bad.stdout).toMatch(/"remark"/);
      expect(bad.stdout).toMatch(/publicip\.bandwidth\.size breaking "maximum 1000"/);
      expect(bad.stdout).toMatch(/ShowPublicip/);
    } finally {
      await own.stop();
    }
    const lint = await cli(['lint', '--spec', spec], ROOT).catch((error: { stdout: string; stderr: string }) => error);
    expect(lint.stdout, lint.stderr).toMatch(/lint: 0 error\(s\), 0 warning\(s\)/);
    const out = path.join(copy, 'elsewhere');
    await cli(['generate', '--spec', spec, '--out', out], ROOT);
    expect(readFileSync(path.join(out, 'operations.ts'), 'utf8')).toContain('"operationId": "ShowPublicip"');
  }, 180_000);

  it('--spec takes a URL too: the edited contract served over http, its files by relative reference', async () => {
    const server = createServer((req, res) => {
      const file = path.join(copy, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
      if (!file.startsWith(path.join(copy, 'spec'))) return res.writeHead(404).end();
      try {
        res.writeHead(200, { 'Content-Type': 'application/yaml' }).end(readFileSync(file));
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/spec/openapi.yaml`;
    try {
      const lint = await output(cli(['lint', '--spec', url], ROOT));
      expect(lint.stdout).toMatch(/lint: 0 error\(s\), 0 warning\(s\)/);
      const run = await output(
        cli(
          ['conform', '--spec', url, '--base-url', emulator!.url, '--only', 'auth-missing', '--reporter', 'json'],
          ROOT,
        ),
      );
      const report = JSON.parse(run.stdout) as {
        checks: { status: string }[];
        coverage: { operations: { operationId: string }[] };
      };
      expect(report.checks.map((c) => c.status)).toEqual(['passed']);
      expect(report.coverage.operations.map((o) => o.operationId)).toContain('ShowPublicip');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 60_000);

  it('the mock starts and answers the new operation', async () => {
    const mock = await startEmulatorProcess([], process.env, copy, 'mock');
    try {
      for (let i = 0; i < 100 && !mock.stdout().includes('ShowPublicip'); i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(mock.stdout()).toContain('# ShowPublicip (request)');
      const show = await fetch(`${mock.url}/v3/${DEMO.project}/eip/publicips/${EIP_ID}`, {
        headers: { 'X-Auth-Token': 'demo-token' },
      });
      expect(show.status).toBe(200);
      const released = await fetch(`${mock.url}/v3/${DEMO.project}/eip/publicips/${EIP_ID}`, {
        method: 'DELETE',
        headers: { 'X-Auth-Token': 'demo-token' },
      });
      expect(released.status).toBe(204);
      expect(mock.stdout()).toContain("-H 'X-Trace-Id: abc'");
      expect(mock.stdout()).toContain('?fields=5');
    } finally {
      await mock.stop();
    }
  }, 60_000);

  it('the docs show it', async () => {
    const out = path.join(copy, 'docs-out');
    await cli(['docs', '--out', out]);
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain('ShowPublicip');
    expect(html).toContain('Query an EIP');
    // Its code samples carry its query and header parameters, as their schemas type them, and work.
    const document = JSON.parse(readFileSync(path.join(copy, 'generated', 'openapi.json'), 'utf8'));
    const samples = codeSamples(document, SHOW, 'get', { endpoint: emulator!.url });
    expect(samples.map((s) => s.label)).toEqual(['curl', 'TypeScript client']);
    const [curl, client] = samples as [CodeSample, CodeSample];
    expect(curl.source).toContain(`/eip/publicips/${EIP_ID}?fields=5'`);
    expect(curl.source).toContain("-H 'X-Trace-Id: abc'");
    expect(client.source).toContain(`client.GET('${SHOW}'`);
    expect(client.source).toContain("query: { fields: 5 }, header: { 'X-Trace-Id': 'abc' }");
    const dir = path.join(copy, 'test-output');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'show.sh'), curl.source);
    writeFileSync(path.join(dir, 'show.mjs'), client.source);
    const env = {
      PATH: process.env.PATH,
      HWC_TOKEN: DEMO.token,
      HUAWEICLOUD_SDK_AK: DEMO.ak,
      HUAWEICLOUD_SDK_SK: DEMO.sk,
    };
    expect((await exec('bash', ['show.sh'], { cwd: dir, env })).stdout).toMatch(/^HTTP\/1\.1 200 /);
    expect((await exec(process.execPath, ['show.mjs'], { cwd: dir, env })).stdout).toMatch(/^200 /);
  }, 120_000);

  it('a generated/ edited behind the build is refused by the CLI, and by generate --check', async () => {
    const file = path.join(copy, 'generated', 'openapi.json');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text} `);
    try {
      const refused = await cli(['emulate', '--port', '0']).catch((error: { code: number; stderr: string }) => error);
      expect((refused as { code?: number }).code).toBe(2);
      expect((refused as { stderr: string }).stderr).toContain('dist/ was built from an older generated/');
      const check = await cli(['generate', '--check']).catch((error: { code: number; stderr: string }) => error);
      expect((check as { code?: number }).code).toBe(1);
    } finally {
      writeFileSync(file, text);
    }
  });
});
