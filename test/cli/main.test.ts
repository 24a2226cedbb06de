// The CLI entry: commands, help, exit codes (0 success, 1 findings, 2 usage).
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

function capture(): Output & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, info: (line) => out.push(line), error: (line) => err.push(line) };
}

describe('hwc-contract', () => {
  it.each([
    [['--help'], 0, /generate[\s\S]*lint[\s\S]*mock/],
    [['generate', '--help'], 0, /--check/],
    [['lint', '--help'], 0, /Redocly/],
    [['mock', '--help'], 0, /--port/],
    [['--version'], 0, /^\d+\.\d+\.\d+$/],
  ])('%j prints help or version and exits %i', async (argv, code, pattern) => {
    const output = capture();
    expect(await run(argv, output)).toBe(code);
    expect(output.out.join('\n')).toMatch(pattern);
  });

  it.each([
    [['frobnicate']],
    [['generate', '--no-such-flag']],
    [['mock', '--port', 'abc']],
    [['mock', '--port', '70000']],
    [['emulate', '--lockout', 'never']],
    [['emulate', '--lockout', '-1']],
    [[]],
  ])('%j is a usage error: exit 2 with one clear line on stderr', async (argv) => {
    const output = capture();
    expect(await run(argv, output)).toBe(2);
    if (argv.length > 0) expect(output.err[0]).toMatch(/^error: /);
  });

  it('generate --check exits 0 when generated/ is in step with spec/ and dist/ with generated/', async () => {
    const output = capture();
    expect(await run(['generate', '--check'], output)).toBe(0);
    expect(output.out).toEqual(['generated/ is up to date with spec/, and dist/ with generated/.']);
  });

  it('lint exits 0 with no errors and no warnings', async () => {
    const output = capture();
    expect(await run(['lint'], output)).toBe(0);
    expect(output.out.at(-1)).toBe('lint: 0 error(s), 0 warning(s) in spec/openapi.yaml');
  });
});
