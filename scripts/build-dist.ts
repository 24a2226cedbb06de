// The second half of `npm run build`, after tsc:
// 1. tsc compiles generated/operations.ts but does not copy the generated JavaScript, declarations and bundled
//    spec that dist/ imports, so they are copied beside it.
// 2. The library entry (src/index.ts, with openapi-fetch) is bundled into one ES module, dist/hwc-contract.mjs,
//    the package's `exports`: loading ~20 small modules one by one costs more than the client's first request.
//    The emulator's entry (src/emulator/index.ts) likewise, into dist/emulator.mjs (`hwc-contract/emulator`).
import { build, type PluginBuild } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILT_COPIES } from '../src/contract/built-copy.js';
import { STAMP_FILE, sourceStamp } from './source-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.join(root, 'dist', 'generated');
mkdirSync(target, { recursive: true });
for (const file of BUILT_COPIES) {
  copyFileSync(path.join(root, 'generated', file), path.join(target, file));
}

// The generated validators stay a file of their own, dist/generated/validators.js: they load only when needed.
const validatorsBesideTheBundle = {
  name: 'validators-beside-the-bundle',
  setup(builder: PluginBuild) {
    builder.onResolve({ filter: /generated\/validators\.js$/ }, () => ({
      path: './generated/validators.js',
      external: true,
    }));
  },
};

await build({
  entryPoints: [path.join(root, 'dist', 'src', 'index.js')],
  outfile: path.join(root, 'dist', 'hwc-contract.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [validatorsBesideTheBundle],
  logLevel: 'warning',
});

// 2b. The libraries for test suites — `hwc-contract/emulator`, `hwc-contract/conformance`, `hwc-contract/mock`
//     (src/<name>/index.ts) — bundled the same way but with npm packages left external: a test suite that
//     starts one in its own process loads one file.
for (const name of ['emulator', 'conformance', 'mock']) {
  await build({
    entryPoints: [path.join(root, 'dist', 'src', name, 'index.js')],
    outfile: path.join(root, 'dist', `${name}.mjs`),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [validatorsBesideTheBundle],
    logLevel: 'warning',
  });
}

// 3. The command-line entry, bundled the same way (npm packages stay external): `hwc-contract emulate` is the
//    main job, and its start-up time is one of its figures. Commands still load lazily, inside the bundle.
rmSync(path.join(root, 'dist', 'cli'), { recursive: true, force: true });
await build({
  // Code splitting keeps each command's dynamic import a chunk of its own, so that `emulate` never loads what
  // `lint` or `generate` need.
  entryPoints: { 'hwc-contract-cli': path.join(root, 'dist', 'src', 'cli', 'main.js') },
  outdir: path.join(root, 'dist', 'cli'),
  outExtension: { '.js': '.mjs' },
  splitting: true,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
});

// 4. What this build was made from, for the test run's staleness guard (test/helpers/fresh-build.ts).
writeFileSync(path.join(root, STAMP_FILE), `${sourceStamp(root)}\n`);
