// The coverage section of a report: per operation of the contract, which documented statuses the target
// answered, how many constraints of its request schemas were broken one at a time, which request properties
// and parameters valid requests of the run held, and one score — the mean of those three shares.
import type { Contract } from '../contract/bundled.js';
import { operationOf } from './judge.js';
import { shapeOf } from './operation-requests.js';
import type { Schema } from './schema.js';
import type { Coverage, Exchange, OperationCoverage } from './types.js';

const share = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);

export function coverageOf(
  contract: Contract,
  exchanges: readonly Exchange[],
  constraints: ReadonlyMap<string, { exercised: number; missed: readonly string[] }>,
): Coverage {
  const operations = contract.operations.map((op): OperationCoverage => {
    const mine = exchanges.filter((e) => (operationOf(contract, e) ?? undefined)?.operationId === op.operationId);
    const documented = Object.keys(op.responses);
    const answered = new Set(mine.map((e) => String(e.response.status)));
    const undocumented = [...answered].filter((s) => !documented.includes(s)).map(Number);

    const shape = shapeOf(contract, op);
    const declared = [
      ...shape.parameters.filter((p) => p.in !== 'path').map((p) => `${p.in}:${p.name}`),
      ...(shape.body ? propertyPaths(shape.body.schema) : []),
    ];
    const bodyValidator = op.requestBody ? contract.validators[op.requestBody.validator] : undefined;
    const used = new Set<string>();
    for (const exchange of mine) {
      const url = new URL(exchange.request.url);
      for (const p of shape.parameters)
        if (p.in === 'query' ? url.searchParams.has(p.name) : p.in === 'header' && headerSent(exchange, p.name))
          used.add(`${p.in}:${p.name}`);
      if (exchange.request.body === undefined) continue;
      let body: unknown;
      try {
        body = JSON.parse(exchange.request.body);
      } catch {
        continue;
      }
      // Only what a valid request held counts: a broken one exercises a constraint, not a property.
      if (bodyValidator && !bodyValidator(body)) continue;
      for (const path of presentPaths(body)) used.add(path);
    }
    const exercisedProperties = declared.filter((p) => used.has(p));

    const recorded = constraints.get(op.operationId);
    const exercised = recorded?.exercised ?? 0;
    const total = recorded ? recorded.exercised + recorded.missed.length : 0;
    const notExercised = recorded ? [...recorded.missed] : ['(constraint-violations did not run)'];
    const shares = [
      share(documented.filter((s) => answered.has(s)).length, documented.length),
      recorded ? share(exercised, total) : 0,
      share(exercisedProperties.length, declared.length),
    ];
    const generated = mine.filter((e) => e.check === 'schema-valid-requests');
    return {
      operationId: op.operationId,
      requests: mine.length,
      generated: {
        sent: generated.length,
        succeeded: generated.filter((e) => e.response.status >= 200 && e.response.status < 300).length,
      },
      statuses: {
        seen: documented.filter((s) => answered.has(s)),
        notSeen: documented.filter((s) => !answered.has(s)),
        undocumented,
      },
      constraints: { exercised, total, notExercised },
      properties: {
        exercised: exercisedProperties.length,
        total: declared.length,
        notExercised: declared.filter((p) => !used.has(p)),
      },
      score: Math.round((100 * shares.reduce((a, b) => a + b, 0)) / shares.length),
    };
  });
  const score = operations.length
    ? Math.round(operations.reduce((sum, op) => sum + op.score, 0) / operations.length)
    : 0;
  return { operations, score };
}

function headerSent(exchange: Exchange, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(exchange.request.headers).some((h) => h.toLowerCase() === lower);
}

/** The coverage section as lines of text (the pretty report and JUnit's system-out). */
export function coverageLines(coverage: Coverage): string[] {
  const lines = [`coverage: score ${coverage.score} of 100`];
  for (const op of coverage.operations) {
    const { statuses, constraints, properties } = op;
    const documented = statuses.seen.length + statuses.notSeen.length;
    lines.push(
      `  ${op.operationId}: ${constraints.exercised} of ${constraints.total} constraints exercised, statuses ${statuses.seen.length} of ${documented} seen${statuses.notSeen.length ? ` (not seen: ${statuses.notSeen.join(', ')})` : ''}, ${properties.exercised} of ${properties.total} request properties${properties.notExercised.length ? ` (not sent: ${properties.notExercised.slice(0, 5).join(', ')}${properties.notExercised.length > 5 ? ', …' : ''})` : ''}; generated valid requests ${op.generated.succeeded} of ${op.generated.sent} 2xx; ${op.requests} requests, score ${op.score}`,
    );
    if (statuses.undocumented.length)
      lines.push(`    answered undocumented statuses ${statuses.undocumented.join(', ')}`);
    if (constraints.notExercised.length)
      lines.push(
        `    not exercised: ${constraints.notExercised.slice(0, 5).join('; ')}${constraints.notExercised.length > 5 ? '; …' : ''}`,
      );
  }
  return lines;
}

/** Every property path of a request body schema (`publicip.bandwidth.size`; array items as `lock_infos.0`). */
function propertyPaths(schema: Schema, prefix = ''): string[] {
  const out: string[] = [];
  for (const branch of [schema, ...(((schema.oneOf ?? schema.anyOf) as Schema[] | undefined) ?? [])]) {
    for (const [name, sub] of Object.entries((branch.properties ?? {}) as Record<string, Schema>)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (!out.includes(path)) out.push(path);
      for (const nested of propertyPaths(sub, path)) if (!out.includes(nested)) out.push(nested);
    }
    if (branch.type === 'array' && branch.items)
      for (const nested of propertyPaths(branch.items as Schema, prefix ? `${prefix}.0` : '0'))
        if (!out.includes(nested)) out.push(nested);
  }
  return out;
}

/** The property paths a value holds (arrays: of their items, as `.0`). */
function presentPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item) => presentPaths(item, prefix ? `${prefix}.0` : '0'));
  return Object.entries(value).flatMap(([name, sub]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    return [path, ...presentPaths(sub, path)];
  });
}
