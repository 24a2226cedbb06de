// Vitest's global setup: refuses to run tests against a dist/ built from other sources than the tree holds
// (tests of the CLI, the bin and the package entries run dist/). `npm test` builds first; running one test file
// after an edit needs `npm run build` before it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAMP_FILE, sourceStamp } from '../../scripts/source-stamp.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export default function setup(): void {
  let built: string | undefined;
  try {
    built = readFileSync(path.join(root, STAMP_FILE), 'utf8').trim();
  } catch {
    built = undefined;
  }
  if (built === sourceStamp(root)) return;
  const why = built === undefined ? 'dist/ has not been built' : 'dist/ is older than src/, generated/ or scripts/';
  // One line and out, before any test runs: a stack trace here would only hide the fix.
  process.stderr.write(`hwc-contract tests: ${why}; run \`npm run build\` first (\`npm test\` does)\n`);
  process.exit(1);
}
