// The package's own folder: where spec/, generated/ and redocly.yaml live. The compiled CLI runs from
// dist/src/cli/, the TypeScript sources (under vitest) from src/cli/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'spec'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the hwc-contract package root');
    dir = parent;
  }
  return dir;
}
