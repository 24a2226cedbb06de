import { type Check, type CheckContext, summarize } from './context.js';
import { EXAMPLE_FITS } from './bodies.js';
import { constraintCases } from '../constraint-cases.js';
import { shapeOf } from '../operation-requests.js';

export const constraintViolations: Check = {
  name: 'constraint-violations',
  description:
    "each constraint of each request schema (path, query, header, body), broken one at a time, gets 400 in the service's error shape",
  run: checkConstraintViolations,
};

async function checkConstraintViolations(ctx: CheckContext): Promise<void> {
  for (const op of ctx.contract.operations) {
    const cases = constraintCases(
      ctx.contract,
      shapeOf(ctx.contract, op),
      ctx.world,
      EXAMPLE_FITS[op.operationId],
      ctx.seed,
    );
    const missed: string[] = [];
    let exercised = 0;
    for (const violation of cases) {
      const what = `${violation.location === 'body' ? '' : `${violation.location} parameter `}${violation.field} breaking "${violation.constraint}"`;
      if (!violation.call) {
        missed.push(what);
        continue;
      }
      exercised++;
      const exchange = await ctx.call(op.operationId, violation.call);
      const { status } = exchange.response;
      if (status !== 400 || ctx.judge(exchange).length > 0) {
        ctx.fail(
          exchange,
          status >= 500 || (status >= 200 && status < 300) ? 'critical' : 'major',
          `${what}: 400 with the service's documented error body`,
          summarize(exchange),
          op.operationId,
        );
      }
    }
    ctx.recordConstraints(op.operationId, exercised, missed);
  }
}
