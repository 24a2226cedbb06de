import { type Check, type CheckContext, expectStatus } from './context.js';
import { EXAMPLE_FITS } from './bodies.js';
import { baseCall, shapeOf } from '../operation-requests.js';

export const malformedRequests: Check = {
  name: 'malformed-requests',
  description:
    'to each operation with a body: invalid JSON, a wrong content type and an empty body get 400, never a 5xx',
  run: checkMalformedRequests,
};

async function checkMalformedRequests(ctx: CheckContext): Promise<void> {
  for (const op of ctx.contract.operations) {
    const shape = shapeOf(ctx.contract, op);
    if (!shape.body) continue;
    const call = { ...baseCall(shape, ctx.world, EXAMPLE_FITS[op.operationId], ctx.seed), body: undefined };
    const send = (rawBody: string, headers?: Record<string, string>) =>
      ctx.call(op.operationId, call, { rawBody, ...(headers && { headers }) });
    const json = { 'Content-Type': 'application/json' };
    expectStatus(ctx, await send('{"nic": ', json), [400], undefined, `${op.operationId}: a body that is not JSON`);
    expectStatus(
      ctx,
      await send('{}', { 'Content-Type': 'text/plain' }),
      [400, 415],
      undefined,
      `${op.operationId}: Content-Type text/plain`,
    );
    if (shape.body.required)
      expectStatus(ctx, await send('', json), [400], undefined, `${op.operationId}: an empty body`);
  }
}
