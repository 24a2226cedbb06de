import { type Check, type CheckContext, expectStatus } from './context.js';
import { EXAMPLE_FITS } from './bodies.js';
import type { OperationDefinition } from '../../../generated/operations.js';
import { baseCall, type OperationCall, shapeOf } from '../operation-requests.js';
import type { Auth } from '../types.js';

export const authMissing: Check = {
  name: 'auth-missing',
  description: 'a request of each operation without credentials gets 401 APIGW.0301 in the gateway shape',
  run: checkAuthMissing,
};

/** A valid request of each operation that needs credentials (one whose security allows none is left out). */
export function securedCalls(ctx: CheckContext): { op: OperationDefinition; call: OperationCall }[] {
  return ctx.contract.operations
    .filter((op) => op.security.length > 0 && op.security.every((requirement) => requirement.length > 0))
    .map((op) => ({
      op,
      call: baseCall(shapeOf(ctx.contract, op), ctx.world, EXAMPLE_FITS[op.operationId], ctx.seed),
    }));
}

async function checkAuthMissing(ctx: CheckContext): Promise<void> {
  const none: Auth = { kind: 'none', projectId: ctx.world.projectId };
  for (const { op, call } of securedCalls(ctx)) {
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
