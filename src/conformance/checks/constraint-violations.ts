import { type Check, type CheckContext, summarize } from './context.js';
import { BIND, ASSIGN, bindExample, assignExample, requestSchema } from './bodies.js';
import { judge } from '../judge.js';
import { violations, type Schema } from '../schema.js';

export const constraintViolations: Check = {
  name: 'constraint-violations',
  description: "each constraint of each request body, broken one at a time, gets 400 in the service's error shape",
  run: checkConstraintViolations,
};

async function checkConstraintViolations(ctx: CheckContext): Promise<void> {
  const cases: [string, Schema, unknown][] = [
    [BIND, requestSchema(BIND), bindExample(ctx.world)],
    [
      ASSIGN,
      requestSchema(ASSIGN),
      assignExample(ctx.world, {
        ip_version: 4,
        alias: 'conform',
        description: 'conformance run',
        enterprise_project_id: '0',
      }),
    ],
  ];
  for (const [operationId, schema, base] of cases) {
    for (const violation of violations(schema, base)) {
      const exchange = operationId === BIND ? await ctx.bind(violation.body) : await ctx.assign(violation.body);
      const { status } = exchange.response;
      if (status !== 400 || judge(exchange).length > 0) {
        ctx.fail(
          exchange,
          status >= 500 || (status >= 200 && status < 300) ? 'critical' : 'major',
          `${violation.field} breaking "${violation.constraint}": 400 with the ${operationId === BIND ? 'ECS' : 'EIP v3'} error body`,
          summarize(exchange),
          operationId,
        );
      }
    }
  }
}
