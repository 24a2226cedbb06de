// The layers, read from the imports themselves (static and dynamic, with TypeScript's own pre-processor):
// `cli` → `client | emulator | conformance | mock | docs | generate` → `signing` → `contract` → `generated/`.
// The shared kernel imports no other folder of src/; no library folder imports the CLI or scripts/; no cycles.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const src = path.join(root, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

/** Each source file's relative imports, resolved to files (`.js` specifiers name `.ts` sources). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of filesUnder(src)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles
      .map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => path.resolve(path.dirname(file), name).replace(/\.js$/, '.ts'));
    graph.set(file, targets);
  }
  return graph;
}

/** `src/emulator/http.ts` → `emulator`; `generated/operations.ts` → `generated`; `scripts/x.ts` → `scripts`. */
function layerOf(file: string): string {
  const relative = path.relative(root, file).split(path.sep);
  return relative[0] === 'src' ? (relative.length > 2 ? relative[1]! : 'index') : relative[0]!;
}

/** Which folders each folder may import (besides itself). */
const ALLOWED: Record<string, readonly string[]> = {
  contract: ['generated'],
  signing: ['contract'],
  client: ['contract', 'signing', 'generated'],
  // The library entry serves /docs as `hwc-contract emulate` does, loading the renderer on the first request.
  emulator: ['contract', 'signing', 'generated', 'docs'],
  conformance: ['contract', 'signing', 'generated'],
  mock: ['contract', 'generated'],
  docs: ['contract', 'generated'],
  // The proxy judges as the runner does, and writes its JUnit with the runner's escaping.
  proxy: ['contract', 'generated', 'conformance'],
  generate: ['contract'],
  cli: ['contract', 'signing', 'client', 'emulator', 'conformance', 'mock', 'docs', 'proxy', 'generate', 'generated'],
  index: ['client', 'contract', 'signing', 'generated'],
};

const graph = importGraph();
const edges = [...graph].flatMap(([from, targets]) => targets.map((to) => ({ from, to })));

describe('the layers of src/', () => {
  it('reads a graph with edges in every layer', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(new Set(edges.map((e) => layerOf(e.from)))).toEqual(new Set(Object.keys(ALLOWED)));
  });

  it.each(Object.entries(ALLOWED))('%s imports only %j', (layer, allowed) => {
    const wrong = edges
      .filter((e) => layerOf(e.from) === layer && layerOf(e.to) !== layer && !allowed.includes(layerOf(e.to)))
      .map((e) => `${path.relative(root, e.from)} → ${path.relative(root, e.to)}`);
    expect(wrong).toEqual([]);
  });

  it('imports resolve to files that exist', () => {
    const missing = edges.filter((e) => !graph.has(e.to) && layerOf(e.to) !== 'generated');
    expect(missing.map((e) => `${path.relative(root, e.from)} → ${path.relative(root, e.to)}`)).toEqual([]);
  });

  it('has no import cycles', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(file)), file].map((f) => path.relative(root, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
