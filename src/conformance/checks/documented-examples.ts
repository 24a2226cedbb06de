import { type Check, type CheckContext, expectStatus, summarize } from './context.js';
import { BIND, ASSIGN, UNBIND, requestExamples, fitToWorld } from './bodies.js';
import { errorCode } from '../judge.js';

export const documentedExamples: Check = {
  name: 'documented-examples',
  description: "the contract's request examples (bind, unbind, assign) are accepted with the documented status",
  run: checkDocumentedExamples,
};

async function checkDocumentedExamples(ctx: CheckContext): Promise<void> {
  for (const operationId of [BIND, ASSIGN]) {
    for (const example of requestExamples(operationId)) {
      const body = fitToWorld(operationId, example.body, ctx.world);
      const exchange = operationId === BIND ? await ctx.bind(body) : await ctx.assign(body);
      if (
        operationId === ASSIGN &&
        exchange.response.status === 409 &&
        errorCode(exchange.response.json) === 'VPC.0521'
      ) {
        return ctx.skip(
          `the ${example.name} example could not be tried: project ${ctx.world.projectId}'s EIP quota is used up (409 VPC.0521); reset the target`,
        );
      }
      if (
        !expectStatus(
          ctx,
          exchange,
          [example.status],
          undefined,
          `the documented "${example.name}" example of ${operationId}`,
        )
      )
        continue;
      const pool = (exchange.response.json as { publicip?: { publicip_pool_name?: string } }).publicip
        ?.publicip_pool_name;
      if (operationId === ASSIGN && ctx.stateful && pool !== ctx.world.pool)
        ctx.fail(exchange, 'major', `the EIP comes from pool ${ctx.world.pool}`, summarize(exchange));
    }
  }
  // Leave the NIC as the examples found it.
  await ctx.bind(UNBIND);
}
