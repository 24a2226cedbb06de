// `npm run bench:install`: what `npm install` brings into a user's project, side by side in one run — the packed
// hwc-contract tarball, the official Huawei SDK (ecs + core, and the uuid it needs without declaring it) and
// openapi-fetch alone — each installed into a temporary project of its own from npm's cache with this
// repository's locked versions (scripts/package/offline-install.ts: no network). Prints each node_modules' size
// and package count, and the size of the client bundled with esbuild for a function (Node, minified), with and
// without the validators that load only with `validate: true`. Asserts nothing.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { installedSize } from './bench/installed-size.js';
import { ROOT } from './bench/processes.js';
import { installOffline, packRepository } from './package/offline-install.js';

const work = mkdtempSync(path.join(tmpdir(), 'hwc-bench-install-'));
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(2);
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

interface Row {
  name: string;
  bytes: number;
  files: number;
  packages: number;
  seconds: number;
}

function measure(name: string, roots: readonly string[], install: (dir: string) => void): Row {
  const dir = path.join(work, name.replace(/\W+/g, '-'));
  mkdirSync(dir);
  const started = performance.now();
  install(dir);
  const seconds = (performance.now() - started) / 1000;
  const size = installedSize(roots, dir);
  return { name, bytes: size.bytes, files: size.files, packages: size.packages.length, seconds };
}

try {
  console.log(`bench:install — node ${process.version}; each package installed offline from npm's cache\n`);
  // The build `npm run bench:install` just made.
  const packed = packRepository(ROOT, work, { build: false });
  const rows = [
    measure('hwc-contract (client, emulator, runner)', ['hwc-contract'], (dir) =>
      installOffline(ROOT, { dir, tarballs: [packed] }),
    ),
    measure(
      'official SDK (ecs + core + uuid)',
      ['@huaweicloud/huaweicloud-sdk-core', '@huaweicloud/huaweicloud-sdk-ecs', 'uuid'],
      (dir) =>
        installOffline(ROOT, {
          dir,
          dependencies: ['@huaweicloud/huaweicloud-sdk-core', '@huaweicloud/huaweicloud-sdk-ecs', 'uuid'],
        }),
    ),
    measure('openapi-fetch alone', ['openapi-fetch'], (dir) =>
      installOffline(ROOT, { dir, dependencies: ['openapi-fetch'] }),
    ),
  ];
  console.log('installed                                  node_modules   files   packages   install (from cache)');
  for (const row of rows)
    console.log(
      `${row.name.padEnd(42)} ${`${mib(row.bytes)} MiB`.padStart(12)} ${String(row.files).padStart(7)} ${String(row.packages).padStart(10)}   ${row.seconds.toFixed(1)} s`,
    );
  const [own, sdk, fetchOnly] = rows as [Row, Row, Row];
  console.log(
    `\nhwc-contract ÷ official SDK: ${(own.bytes / sdk.bytes).toFixed(2)}× the bytes, ${own.packages} vs ${sdk.packages} packages (target: hwc-contract ≤ 8 MiB: ${own.bytes <= 8 * 2 ** 20 ? 'met' : 'NOT met'}); openapi-fetch alone ${mib(fetchOnly.bytes)} MiB`,
  );

  // The client bundled for a function: what a user's esbuild makes of `import { createClient } from 'hwc-contract'`.
  const project = path.join(work, 'hwc-contract-client-emulator-runner-');
  const entry = path.join(project, 'function.mjs');
  writeFileSync(
    entry,
    "import { createClient } from 'hwc-contract';\nexport const handler = async () => createClient({ region: 'cn-north-4', credentials: { token: 't' } });\n",
  );
  const result = await build({
    entryPoints: [entry],
    outdir: path.join(project, 'bundle'),
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    logLevel: 'warning',
  });
  const main = result.outputFiles.find((f) => path.basename(f.path) === 'function.js')!;
  const total = result.outputFiles.reduce((sum, f) => sum + f.contents.length, 0);
  console.log(
    `client bundled for a function (esbuild, Node, minified): ${kb(main.contents.length)} kB (${kb(gzipSync(main.contents).length)} kB gzipped), target ≤ 100 kB: ${main.contents.length <= 100_000 ? 'met' : 'NOT met'}; with the validators \`validate: true\` loads on demand ${kb(total)} kB in ${result.outputFiles.length} files`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
