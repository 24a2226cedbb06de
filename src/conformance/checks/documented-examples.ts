import { type Check, type CheckContext, expectStatus, summarize } from './context.js';
import { ASSIGN, BIND, EXAMPLE_FITS, UNBIND } from './bodies.js';
import { errorCode } from '../judge.js';
import { baseCall, shapeOf } from '../operation-requests.js';

export const documentedExamples: Check = {
  name: 'documented-examples',
  description:
    "each operation's documented request examples (or, without a body, a request from its parameters' examples) get the documented success status",
  run: checkDocumentedExamples,
};

async function checkDocumentedExamples(ctx: CheckContext): Promise<void> {
  for (const op of ctx.contract.operations) {
    const shape = shapeOf(ctx.contract, op);
    const fitBody = EXAMPLE_FITS[op.operationId];
    const base = baseCall(shape, ctx.world, fitBody, ctx.seed);
    const examples = shape.body?.examples.length ? shape.body.examples : [{ name: 'request', value: base.body }];
    for (const example of examples) {
      const body = example.value === undefined || !fitBody ? example.value : fitBody(example.value, ctx.world);
      const exchange = await ctx.call(op.operationId, { ...base, body });
      if (
        op.operationId === ASSIGN &&
        exchange.response.status === 409 &&
        errorCode(exchange.response.json) === 'VPC.0521'
      )
        return ctx.skip(
          `the ${example.name} example could not be tried: project ${ctx.world.projectId}'s EIP quota is used up (409 VPC.0521); reset the target`,
        );
      const what = `the documented "${example.name}" example of ${op.operationId}`;
      if (!expectStatus(ctx, exchange, shape.successStatuses, undefined, what)) continue;
      const pool = (exchange.response.json as { publicip?: { publicip_pool_name?: string } } | undefined)?.publicip
        ?.publicip_pool_name;
      if (op.operationId === ASSIGN && ctx.stateful && pool !== ctx.world.pool)
        ctx.fail(exchange, 'major', `the EIP comes from pool ${ctx.world.pool}`, summarize(exchange));
    }
  }
  // Leave the NIC as the examples found it.
  if (ctx.contract.operations.some((op) => op.operationId === BIND)) await ctx.bind(UNBIND);
}
