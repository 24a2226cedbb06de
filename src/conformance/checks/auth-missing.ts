import { type Check, type CheckContext, expectStatus } from './context.js';
import { EXAMPLE_FITS } from './bodies.js';
import { baseCall, shapeOf } from '../operation-requests.js';
import type { Auth } from '../types.js';

export const authMissing: Check = {
  name: 'auth-missing',
  description: 'a request of each operation without credentials gets 401 APIGW.0301 in the gateway shape',
  run: checkAuthMissing,
};

async function checkAuthMissing(ctx: CheckContext): Promise<void> {
  const none: Auth = { kind: 'none', projectId: ctx.world.projectId };
  for (const op of ctx.contract.operations) {
    if (op.security.length === 0 || op.security.some((requirement) => requirement.length === 0)) continue;
    const call = baseCall(shapeOf(ctx.contract, op), ctx.world, EXAMPLE_FITS[op.operationId], ctx.seed);
    expectStatus(
      ctx,
      await ctx.call(op.operationId, call, { auth: none }),
      [401],
      ['APIGW.0301'],
      `${op.operationId} without credentials`,
      'critical',
    );
  }
}
