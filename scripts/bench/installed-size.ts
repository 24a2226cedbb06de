// The installed size of packages and everything they depend on at run time, as npm laid them out in
// node_modules: apparent bytes and file count, each package counted once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function packageDir(name: string, from: string, root: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === path.dirname(dir)) return undefined;
  }
}

function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue; // nested packages are counted as packages of their own
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = folderSize(full);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += statSync(full).size;
      files += 1;
    }
  }
  return { bytes, files };
}

export function installedSize(
  names: readonly string[],
  root: string,
): { bytes: number; files: number; packages: string[] } {
  const seen = new Map<string, string>();
  const visit = (name: string, from: string) => {
    const dir = packageDir(name, from, root);
    if (!dir || seen.has(dir)) return;
    seen.set(dir, name);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  for (const name of names) visit(name, root);
  let bytes = 0;
  let files = 0;
  for (const dir of seen.keys()) {
    const size = folderSize(dir);
    bytes += size.bytes;
    files += size.files;
  }
  return { bytes, files, packages: [...seen.values()].sort() };
}
