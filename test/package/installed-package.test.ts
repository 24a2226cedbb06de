// The package as a user gets it: `npm pack`, then the tarball installed into a temporary project outside this
// repository (no access to its node_modules), from npm's cache with this repository's locked versions
// (scripts/package/offline-install.ts: no network). There, a strict TypeScript consumer compiles under the three
// module resolutions and runs against `startEmulator()`; the README's installed examples compile and run as
// written; the command runs; what is left out of the install says which package to install; the footprint holds.
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installedSize } from '../../scripts/bench/installed-size.js';
import { installOffline, type PackedPackage, packRepository } from '../../scripts/package/offline-install.js';
import { ROOT } from '../helpers/contract.js';
import { type EmulatorProcess, startEmulatorProcess } from '../helpers/emulator-process.js';

const run = promisify(execFile);

/** The README's code blocks marked `<!-- installed-example: FILE -->`, by file name. */
function readmeExamples(): Map<string, string> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const found = new Map<string, string>();
  for (const match of readme.matchAll(/<!-- installed-example: (\S+) -->\n```ts\n([\s\S]*?)```/g))
    found.set(match[1]!, match[2]!);
  return found;
}

const CONSUMER = `import { createClient, HuaweiCloudError, type paths } from 'hwc-contract';
import { DEMO, type Emulator, startEmulator } from 'hwc-contract/emulator';
import { assertConformance, type Report, runConformance } from 'hwc-contract/conformance';
import { startMock } from 'hwc-contract/mock';

type AssignPath = keyof paths;
const assignPath: AssignPath = '/v3/{project_id}/eip/publicips';
void startMock;
void runConformance;
void assertConformance;
const unused: Report | undefined = undefined;
void unused;

const emulator: Emulator = await startEmulator();
try {
  const client = createClient({ endpoint: emulator.url, credentials: { token: DEMO.token, projectId: DEMO.project } });
  const body = { publicip_pool_name: '5_telcom', public_ip_address: '100.64.0.7', bandwidth: { size: 5, share_type: 'PER', name: 'b' } } as const;
  const { publicip } = await client.assignEip(body);
  let again = 'no error';
  try {
    await client.assignEip(body);
  } catch (error) {
    again = error instanceof HuaweiCloudError ? \`\${error.status} \${error.code}\` : String(error);
  }
  console.log(JSON.stringify({ path: assignPath, address: publicip.public_ip_address, again }));
} finally {
  await emulator.close();
}
`;

const RESOLUTIONS = {
  nodenext: { module: 'nodenext', moduleResolution: 'nodenext' },
  node16: { module: 'node16', moduleResolution: 'node16' },
  bundler: { module: 'esnext', moduleResolution: 'bundler' },
} as const;

let work: string;
let project: string;
let packed: PackedPackage;
let tarballFiles: string[];
const bin = () => path.join(project, 'node_modules', '.bin', 'hwc-contract');
const tsc = () => path.join(project, 'node_modules', 'typescript', 'bin', 'tsc');
/** Environment of the project's processes: nothing pointing back into this repository. */
const env = () => ({ PATH: process.env.PATH ?? '', HOME: work, NO_COLOR: '1' });

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'hwc-installed-'));
  project = path.join(work, 'project');
  mkdirSync(project);
  // The build is the one `npm test` just made (its staleness guard checks it): pack it as it is.
  packed = packRepository(ROOT, work, { build: false });
  tarballFiles = execFileSync('tar', ['-tzf', packed.tarball], { encoding: 'utf8' }).trim().split('\n');
  installOffline(ROOT, { dir: project, tarballs: [packed], devDependencies: ['typescript', '@types/node'] });
  for (const [file, text] of readmeExamples()) writeFileSync(path.join(project, file), text);
  writeFileSync(path.join(project, 'consumer.ts'), CONSUMER);
  for (const [name, options] of Object.entries(RESOLUTIONS)) {
    const compilerOptions = {
      ...options,
      strict: true,
      target: 'es2022',
      types: ['node'],
      skipLibCheck: false,
      ...(name === 'nodenext' ? { outDir: 'out' } : { noEmit: true }),
    };
    writeFileSync(
      path.join(project, `tsconfig.${name}.json`),
      JSON.stringify({ compilerOptions, include: ['*.ts'] }, null, 2),
    );
  }
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('is named hwc-contract-<version>.tgz and holds the build, the contract and the licence, not tests, CI or benchmarks', () => {
    expect(path.basename(packed.tarball)).toBe(`hwc-contract-${packed.manifest.version}.tgz`);
    const files = tarballFiles.map((f) => f.replace(/^package\//, ''));
    for (const needed of [
      'package.json',
      'README.md',
      'LICENSE',
      'bin/hwc-contract.js',
      'dist/hwc-contract.mjs',
      'dist/emulator.mjs',
      'dist/conformance.mjs',
      'dist/mock.mjs',
      'dist/src/index.d.ts',
      'generated/openapi.json',
      'spec/openapi.yaml',
    ])
      expect(files).toContain(needed);
    const unwanted = files.filter((f) => /^(test|\.ci|scripts|dist\/scripts|src)\//.test(f) || /bench|\.map$/.test(f));
    expect(unwanted).toEqual([]);
  });

  it('has what a registry needs: no private flag, a licence, repository, keywords and types', () => {
    const manifest = JSON.parse(
      readFileSync(path.join(project, 'node_modules', 'hwc-contract', 'package.json'), 'utf8'),
    );
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository?.url).toMatch(/^git\+https:\/\//);
    expect(manifest.keywords).toContain('huawei-cloud');
    expect(manifest.types).toBe('./dist/src/index.d.ts');
  });

  it('installs the client, the emulator and the runner in at most 8 MiB, with none of the heavy tools', () => {
    const size = installedSize(['hwc-contract'], project);
    expect(size.bytes / 2 ** 20).toBeLessThanOrEqual(8);
    for (const heavy of [
      'typescript',
      '@redocly/cli',
      '@redocly/openapi-core',
      '@stoplight/prism-cli',
      'openapi-typescript',
    ])
      expect(size.packages).not.toContain(heavy);
  });
});

describe('a strict TypeScript consumer of the installed package', () => {
  it.each(Object.keys(RESOLUTIONS))(
    'type-checks under module resolution %s',
    async (name) => {
      await expect(
        run(process.execPath, [tsc(), '-p', `tsconfig.${name}.json`], { cwd: project, env: env() }),
      ).resolves.toBeDefined();
    },
    120_000,
  );

  it('runs against startEmulator(): an assign, then the same address again is 409 VPC.0522', async () => {
    const { stdout } = await run(process.execPath, ['out/consumer.js'], { cwd: project, env: env() });
    expect(JSON.parse(stdout)).toEqual({
      path: '/v3/{project_id}/eip/publicips',
      address: '100.64.0.7',
      again: '409 VPC.0522',
    });
  }, 60_000);

  it('runs the README test-suite example, which passes against the emulator', async () => {
    const { stdout } = await run(process.execPath, ['--test', '--test-reporter=tap', 'out/conformance.test.js'], {
      cwd: project,
      env: env(),
    });
    expect(stdout).toMatch(/# pass 1/);
    expect(stdout).toMatch(/# fail 0/);
  }, 120_000);

  it('shows in the README example a failing run as a failing test, with the reproducing commands', async () => {
    // The same example against a server that answers every request 200 `{}`: the test fails with the findings.
    const broken = path.join(project, 'broken.test.ts');
    const example = readFileSync(path.join(project, 'conformance.test.ts'), 'utf8');
    const server = `import { createServer } from 'node:http';\nconst http = createServer((_, res) => res.end('{}'));\nawait new Promise<void>((r) => http.listen(0, '127.0.0.1', r));\nconst address = http.address() as import('node:net').AddressInfo;\n`;
    writeFileSync(
      broken,
      server +
        example
          .replace(/^import \{ type Emulator, startEmulator \}.*\n/m, '')
          .replace(
            'let server: Emulator; // your own implementation goes here',
            "const server = { url: 'http://127.0.0.1:' + address.port, close: () => http.close() };",
          )
          .replace(/before\(async \(\) => \{\n {2}server = await startEmulator\(\);\n\}\);\n/, ''),
    );
    await run(process.execPath, [tsc(), '-p', 'tsconfig.nodenext.json'], { cwd: project, env: env() });
    const failed = await run(process.execPath, ['--test', '--test-reporter=tap', 'out/broken.test.js'], {
      cwd: project,
      env: env(),
    }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/does not conform: \d+ check\(s\) failed/);
    expect(failed?.stdout).toMatch(/reproduce: curl /);
  }, 120_000);
});

describe('the installed command', () => {
  let emulator: EmulatorProcess | undefined;
  afterAll(async () => {
    await emulator?.stop();
  });

  it('npx hwc-contract --help lists the commands', async () => {
    const { stdout } = await run('npx', ['--offline', '--no-install', 'hwc-contract', '--help'], {
      cwd: project,
      env: env(),
    });
    for (const command of ['generate', 'lint', 'mock', 'docs', 'emulate', 'conform', 'sign'])
      expect(stdout).toContain(command);
  }, 60_000);

  it('emulate serves, the README client example runs against it, and conform passes against it', async () => {
    emulator = await startEmulatorProcess([], env(), path.join(project, 'node_modules', 'hwc-contract'));
    const client = await run(process.execPath, ['out/client-only.js'], {
      cwd: project,
      env: { ...env(), HWC_ENDPOINT: emulator.url },
    });
    expect(client.stdout).toBe('assigned 100.64.0.9\nagain: 409 VPC.0522\n');
    const conform = await run(bin(), ['conform', '--base-url', emulator.url, '--seed', '1', '--reporter', 'json'], {
      cwd: project,
      env: env(),
      maxBuffer: 64 * 2 ** 20,
    });
    const report = JSON.parse(conform.stdout);
    expect(report.checks.filter((c: { status: string }) => c.status === 'failed')).toEqual([]);
    // Its /docs needs Redocly, which the install left out: a 503 in the gateway's shape that says so.
    const docs = await fetch(`${emulator.url}/docs`);
    expect(docs.status).toBe(503);
    expect(((await docs.json()) as { error_msg: string }).error_msg).toMatch(
      /rendering the docs needs @redocly\/cli, which is not installed: npm install --save-dev @redocly\/cli@/,
    );
  }, 120_000);

  it.each([
    ['lint', [], '@redocly/openapi-core'],
    ['mock', ['--port', '0'], '@stoplight/prism-cli'],
    ['docs', ['--out', 'docs'], '@redocly/cli'],
    ['generate', ['--out', 'generated'], '@redocly/openapi-core'],
    [
      'conform',
      ['--base-url', 'http://127.0.0.1:9', '--spec', 'node_modules/hwc-contract/spec/openapi.yaml'],
      '@redocly/openapi-core',
    ],
  ])(
    '%s without its optional tool says in one line which package to install, and exits 2',
    async (command, args, tool) => {
      const failed = await run(bin(), [command, ...args], { cwd: project, env: env() }).then(
        () => undefined,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failed?.code).toBe(2);
      const lines = failed!.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `needs ${tool.replace('/', '\\/')}, which is not installed: npm install --save-dev ${tool.replace('/', '\\/')}@`,
        ),
      );
    },
    60_000,
  );

  it('startMock() without Prism rejects with MissingToolError naming @stoplight/prism-cli', async () => {
    const script =
      "import('hwc-contract/mock').then((m) => m.startMock()).then(() => console.log('started'), (e) => console.log(e.name + ': ' + e.message));";
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env: env() });
    expect(stdout).toMatch(/^MissingToolError: the mock needs @stoplight\/prism-cli/);
  }, 60_000);

  it('exports the contract: hwc-contract/openapi.json and the YAML source', async () => {
    const script =
      "import { createRequire } from 'node:module'; const r = createRequire(process.cwd() + '/'); const doc = r('hwc-contract/openapi.json'); console.log(doc.openapi, Object.keys(doc.paths).length, require('node:fs').existsSync(r.resolve('hwc-contract/openapi.yaml')));".replace(
        "require('node:fs')",
        "(await import('node:fs'))",
      );
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: project, env: env() });
    expect(stdout.trim()).toMatch(/^3\.1\.\d+ \d+ true$/);
  }, 60_000);
});

describe('the installed mock, with its optional tool installed beside it', () => {
  let withPrism: string;
  beforeAll(() => {
    withPrism = path.join(work, 'with-prism');
    mkdirSync(withPrism);
    installOffline(ROOT, { dir: withPrism, tarballs: [packed], devDependencies: ['@stoplight/prism-cli'] });
  }, 120_000);

  it('runs the README mock example: Prism answers the documented 201, and close() leaves no Prism running', async () => {
    // Compiled in the TypeScript project above, run in this one.
    writeFileSync(path.join(withPrism, 'mock.js'), readFileSync(path.join(project, 'out', 'mock.js')));
    const { stdout } = await run(process.execPath, ['mock.js'], { cwd: withPrism, env: env() });
    expect(stdout).toBe('mock: 201\n');
    const { stdout: processes } = await run('ps', ['-eo', 'args']);
    expect(processes.split('\n').filter((line) => line.includes(path.join(withPrism, 'node_modules')))).toEqual([]);
  }, 120_000);
});
