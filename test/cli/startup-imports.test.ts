// What `hwc-contract emulate` loads before it listens: the built command's static import graph (esbuild chunks in
// dist/cli/). The docs renderer and the YAML parser are loaded on first use only (the first /docs request, a
// --fixtures or --faults file): each costs start-up time that `bench:emulator` measures against Prism.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/contract.js';

const CLI = path.join(ROOT, 'dist', 'cli');

/** Every file and package `file` imports statically, transitively (dynamic `import()` not followed). */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(path.join(CLI, file), 'utf8');
  for (const [, spec] of text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s*"([^"]+)"/gm)) {
    if (spec!.startsWith('./')) staticImports(spec!.slice(2), seen);
    else seen.add(spec!);
  }
  return seen;
}

it('emulate loads neither the docs renderer nor the YAML parser before it listens', () => {
  const command = readdirSync(CLI).find((f) => /^emulate-[A-Z0-9]+\.mjs$/.test(f))!;
  expect(command).toBeDefined();
  const loaded = staticImports(command);
  expect([...loaded].filter((m) => m === 'yaml' || m.startsWith('@redocly'))).toEqual([]);
  const sources = [...loaded]
    .filter((m) => m.endsWith('.mjs'))
    .flatMap((f) => [...readFileSync(path.join(CLI, f), 'utf8').matchAll(/^\/\/ (dist\/src\/\S+)/gm)].map((m) => m[1]));
  expect(sources).toContain('dist/src/emulator/http.js');
  expect(sources.filter((s) => s!.startsWith('dist/src/docs/'))).toEqual([]);
});
