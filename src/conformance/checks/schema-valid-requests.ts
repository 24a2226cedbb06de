import { type Check, type CheckContext, summarize } from './context.js';
import { GENERATED_FITS } from './bodies.js';
import { errorCode } from '../judge.js';
import { generatedCall, shapeOf } from '../operation-requests.js';
import { serviceOf } from '../../contract/services.js';

export const schemaValidRequests: Check = {
  name: 'schema-valid-requests',
  description:
    'valid requests generated from the contract (seeded) and fitted to the target get 2xx or a documented state error — never a validation error — each answer matching its schema',
  run: checkSchemaValidRequests,
};

async function checkSchemaValidRequests(ctx: CheckContext): Promise<void> {
  for (const [index, op] of ctx.contract.operations.entries()) {
    const shape = shapeOf(ctx.contract, op);
    const fitBody = GENERATED_FITS[op.operationId];
    const bodyValidator = op.requestBody ? ctx.contract.validators[op.requestBody.validator] : undefined;
    const { invalidCodes } = serviceOf(op);
    // An operation without a body varies only in its parameters: a few requests say as much as many.
    const count = shape.body ? ctx.maxExamples : Math.min(ctx.maxExamples, 5);
    for (let n = 0; n < count; n++) {
      const call = generatedCall(shape, ctx.world, fitBody, ctx.seed + 1000 * index + n);
      // A fitted body the contract itself rejects is the fitBody's fault, not the target's: not sent.
      if (bodyValidator && call.body !== undefined && !bodyValidator(call.body)) continue;
      const exchange = await ctx.call(op.operationId, call);
      const { status, json } = exchange.response;
      const problems = ctx.judge(exchange);
      const code = errorCode(json);
      if (status === 400 && code !== undefined && (invalidCodes as readonly string[]).includes(code)) {
        ctx.fail(
          exchange,
          'major',
          `a valid request of ${op.operationId} is carried out (rejected a valid request)`,
          summarize(exchange),
          op.operationId,
        );
      } else if (problems.length > 0 || status >= 500)
        ctx.fail(
          exchange,
          status >= 500 ? 'critical' : 'major',
          'a 2xx or a documented error whose body matches the contract',
          `${summarize(exchange)}${problems.length ? ` — ${problems.join('; ')}` : ''}`,
          op.operationId,
        );
    }
  }
}
