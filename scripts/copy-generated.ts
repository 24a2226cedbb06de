// Part of `npm run build`: tsc compiles generated/operations.ts but does not copy the generated JavaScript
// and declaration files that dist/ imports, so they are copied beside it here.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const target = path.join(root, 'dist', 'generated');
mkdirSync(target, { recursive: true });
for (const file of ['validators.js', 'validators.d.ts', 'schema.d.ts', 'openapi.json']) {
  copyFileSync(path.join(root, 'generated', file), path.join(target, file));
}
