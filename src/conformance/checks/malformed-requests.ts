import { type Check, type CheckContext, expectStatus } from './context.js';

export const malformedRequests: Check = {
  name: 'malformed-requests',
  description: 'invalid JSON, a wrong content type and an empty body get 400, never a 5xx',
  run: checkMalformedRequests,
};

async function checkMalformedRequests(ctx: CheckContext): Promise<void> {
  for (const send of [ctx.bind.bind(ctx), ctx.assign.bind(ctx)]) {
    expectStatus(ctx, await send(undefined, { rawBody: '{"nic": ' }), [400], undefined, 'a body that is not JSON');
    expectStatus(
      ctx,
      await send(undefined, { rawBody: '{}', headers: { 'Content-Type': 'text/plain' } }),
      [400, 415],
      undefined,
      'Content-Type text/plain',
    );
    expectStatus(ctx, await send(undefined, { rawBody: '' }), [400], undefined, 'an empty body');
  }
}
