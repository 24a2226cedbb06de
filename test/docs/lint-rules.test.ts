// The project's own lint rules in redocly.yaml keep the docs useful. Each is shown to bite: a copy of the spec
// with one thing broken gets an error from exactly that rule.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint, loadConfig } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/contract.js';

async function lintCopy(change: (dir: string) => void): Promise<string[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'hwc-lint-'));
  cpSync(path.join(ROOT, 'spec'), path.join(dir, 'spec'), { recursive: true });
  cpSync(path.join(ROOT, 'redocly.yaml'), path.join(dir, 'redocly.yaml'));
  change(dir);
  const config = await loadConfig({ configPath: path.join(dir, 'redocly.yaml') });
  const problems = await lint({ ref: path.join(dir, 'spec', 'openapi.yaml'), config });
  return problems.filter((p) => p.severity === 'error').map((p) => p.ruleId);
}

function edit(dir: string, file: string, from: string | RegExp, to: string): void {
  const full = path.join(dir, file);
  const text = readFileSync(full, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: nothing to change for ${String(from)}`);
  writeFileSync(full, next);
}

describe('redocly.yaml rules', () => {
  it('the contract as it is: no errors', async () => {
    expect(await lintCopy(() => undefined)).toEqual([]);
  });

  it.each([
    ['operation-operationId', (d: string) => edit(d, 'spec/paths/eip-publicips.yaml', /^ {2}operationId: .*\n/m, '')],
    ['operation-summary', (d: string) => edit(d, 'spec/paths/eip-publicips.yaml', /^ {2}summary: .*\n/m, '')],
    [
      'operation-description',
      (d: string) => edit(d, 'spec/paths/eip-publicips.yaml', /^ {2}description: [|>]-?\n( {4}.*\n|\n)+/m, ''),
    ],
    [
      'rule/schema-property-description',
      (d: string) =>
        edit(
          d,
          'spec/components/schemas/PublicipBandwidthInfo.yaml',
          /( {2}size:\n( {4}.*\n)*?) {4}description: .*\n(( {6}.*\n)*)/,
          '$1',
        ),
    ],
    [
      'rule/error-response-examples',
      (d: string) => edit(d, 'spec/components/responses/EipConflict.yaml', / {4}examples:\n( {6}.*\n)+/, ''),
    ],
    [
      'no-invalid-media-type-examples',
      (d: string) => edit(d, 'spec/paths/eip-publicips.yaml', 'publicip_pool_name: 5_telcom', 'publicip_pool_name: 5'),
    ],
  ] as const)('%s catches its fault', async (rule, change) => {
    expect(await lintCopy(change)).toContain(rule);
  });
});
