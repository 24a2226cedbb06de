// The error registry is the one list of codes the emulator answers. These tests tie it to the contract's
// response examples (same status, same body shape), to the README's table (same rows), and to the code
// (every code is answered somewhere; none is answered that the registry lacks, which TypeScript enforces).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { errorExamples } from '../../src/contract/error-examples.js';
import {
  ERRORS,
  type ErrorCode,
  errorMessage,
  MAX_MESSAGE_LENGTH,
  problemsDetail,
} from '../../src/contract/error-registry.js';
import { bundled, type Node, ROOT, resolve } from '../helpers/contract.js';

/** Codes the contract documents that the emulator never answers, and why. */
const DOCUMENTED_NOT_ANSWERED: Record<string, string> = {
  'Ecs.0003': 'an IAM policy forbidding the call: the emulator has no policies',
  'VPC.0502': 'a restricted account: the emulator restricts none',
};

/** Every example of an error response in the contract: operation, status, code and body shape. */
const examples = operations.flatMap((op) =>
  errorExamples(bundled, resolve(((bundled.paths as Node)[op.path] as Node)[op.method.toLowerCase()])).map((e) => ({
    operationId: op.operationId,
    tag: op.tags[0],
    status: Number(e.status),
    name: e.name,
    code: e.code,
    shape: (e.value as Node).error ? 'ecs' : 'flat',
  })),
);

const registry = Object.entries(ERRORS) as [ErrorCode, (typeof ERRORS)[ErrorCode]][];

describe('the error registry', () => {
  it('reads the contract’s error examples', () => {
    expect(examples.length).toBeGreaterThan(15);
  });

  it.each(examples)('$operationId $status $name ($code) is in the registry with its status and shape', (example) => {
    if (example.code in DOCUMENTED_NOT_ANSWERED) return;
    const entry = ERRORS[example.code as ErrorCode];
    expect(entry, `${example.code} is documented but not in the registry`).toBeDefined();
    expect(entry.status).toBe(example.status);
    expect(entry.shape === 'ecs' ? 'ecs' : 'flat').toBe(example.shape);
  });

  /** Registry codes an operation never answers, and why (the rest must each have an example in the contract). */
  const NOT_AN_OPERATION_ANSWER: Record<string, string> = {
    'APIGW.0101': 'a method and path that match no operation: the answer of no operation of the contract',
  };

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s declares, with an example, every code of the registry it can be answered with, at its status',
    (operationId, op) => {
      const answerable = registry
        .filter(([code, entry]) => {
          if (code in NOT_AN_OPERATION_ANSWER) return false;
          if (entry.shape === 'gateway') return code.startsWith('APIGW.');
          return (entry.shape === 'ecs') === (op.tags[0] === 'ECS');
        })
        .map(([code, entry]) => `${entry.status} ${code}`);
      const declared = examples.filter((e) => e.operationId === operationId).map((e) => `${e.status} ${e.code}`);
      expect(answerable.filter((a) => !declared.includes(a))).toEqual([]);
    },
  );

  it('lists only documented codes as not answered', () => {
    const documented = new Set(examples.map((e) => e.code));
    for (const code of Object.keys(DOCUMENTED_NOT_ANSWERED)) {
      expect(documented.has(code), code).toBe(true);
      expect(code in ERRORS, code).toBe(false);
    }
  });

  it.each(registry.filter(([, e]) => e.shape !== 'gateway'))(
    '%s answers a status its operations document',
    (code, entry) => {
      const tag = entry.shape === 'ecs' ? 'ECS' : 'EIP';
      const statuses = operations.filter((op) => op.tags[0] === tag).flatMap((op) => Object.keys(op.responses));
      expect(statuses, code).toContain(String(entry.status));
    },
  );

  it('has every code answered somewhere in src/ (no dead entry)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(path.join(dir, e.name)) : [readFileSync(path.join(dir, e.name), 'utf8')],
      );
    const text = sources(path.join(ROOT, 'src'))
      .join('\n')
      .replace(/^\s*'[A-Za-z]+\.\d+': \{ status.*$/gm, '');
    for (const [code] of registry) expect(text.includes(`'${code}'`), `${code} is never answered`).toBe(true);
  });

  it('writes a message naming the detail after the general one', () => {
    expect(errorMessage({ code: 'VPC.0504', detail: 'pool nope does not exist' })).toBe(
      'Could not be found: pool nope does not exist',
    );
    expect(errorMessage({ code: 'VPC.0504' })).toBe('Could not be found.');
  });

  it('cuts a message to the contract’s 1,024 characters', () => {
    const message = errorMessage({ code: 'VPC.0501', detail: 'x'.repeat(5000) });
    expect(message).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(message.startsWith('Invalid EIP parameter: xxx')).toBe(true);
    expect(message.endsWith('…')).toBe(true);
  });

  it.each<[string[], string]>([
    [['a is required'], 'a is required'],
    [['a', 'b', 'c', 'd', 'e'], 'a; b; c; d; e'],
    [['a', 'b', 'c', 'd', 'e', 'f', 'g'], 'a; b; c; d; e; and 2 more'],
    [[`${'y'.repeat(200)}`], `${'y'.repeat(159)}…`],
  ])('problemsDetail(%j) is %j', (problems, want) => {
    expect(problemsDetail(problems)).toBe(want);
  });
});

describe('the README’s table of error codes', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Error codes'));
  const rows = section
    .split('\n')
    .filter((line) => /^\| `[A-Za-z]+\.\d+`\s+\|/.test(line))
    .map((line) => line.split('|').map((cell) => cell.trim()));

  it('has one row per registry entry, in its order, with its status, shape and message', () => {
    expect(rows.map((r) => [r[1]!.replaceAll('`', ''), Number(r[2]), r[3], r[4]])).toEqual(
      registry.map(([code, e]) => [code, e.status, e.shape, e.message]),
    );
  });

  it('says when each code is answered', () => {
    for (const row of rows) expect(row[5]!.length, row[1]).toBeGreaterThan(10);
  });
});
