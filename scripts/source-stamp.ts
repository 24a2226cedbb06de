// What dist/ was built from: one hash over the sources the build reads (src/, generated/, scripts/ and the
// build's own config). `npm run build` writes it to dist/source-stamp; the test run compares it with the tree
// and stops at once when they differ, so that a test of the CLI or the package never runs a stale build.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SOURCES = ['src', 'generated', 'scripts'];
const FILES = ['package.json', 'tsconfig.json', 'tsconfig.build.json'];

function filesUnder(root: string, dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(root, relative) : [relative];
    })
    .sort();
}

export function sourceStamp(root: string): string {
  const hash = createHash('sha256');
  for (const file of [...SOURCES.flatMap((dir) => filesUnder(root, dir)), ...FILES]) {
    hash.update(`${file.split(path.sep).join('/')}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export const STAMP_FILE = path.join('dist', 'source-stamp');
