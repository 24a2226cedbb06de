import fc from 'fast-check';
import { type Check, type CheckContext, summarize } from './context.js';
import { BIND, ASSIGN, requestSchema } from './bodies.js';
import { judge } from '../judge.js';
import { arbitrary } from '../schema.js';

export const schemaValidRequests: Check = {
  name: 'schema-valid-requests',
  description:
    'bodies generated from the contract (seeded) get 2xx or a documented error, each answer matching its schema',
  run: checkSchemaValidRequests,
};

async function checkSchemaValidRequests(ctx: CheckContext): Promise<void> {
  for (const operationId of [BIND, ASSIGN]) {
    const samples = fc.sample(arbitrary(requestSchema(operationId)), {
      seed: ctx.seed + (operationId === BIND ? 0 : 1),
      numRuns: ctx.maxExamples,
    });
    for (const body of samples) {
      const exchange = operationId === BIND ? await ctx.bind(body) : await ctx.assign(body);
      const problems = judge(exchange);
      if (problems.length > 0 || exchange.response.status >= 500)
        ctx.fail(
          exchange,
          exchange.response.status >= 500 ? 'critical' : 'major',
          'a 2xx or a documented error whose body matches the contract',
          `${summarize(exchange)}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
          operationId,
        );
    }
  }
}
