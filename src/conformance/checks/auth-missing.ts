import { type Check, type CheckContext, expectStatus } from './context.js';
import { bindExample, assignExample } from './bodies.js';
import type { Auth } from '../types.js';

export const authMissing: Check = {
  name: 'auth-missing',
  description: 'a request without credentials gets 401 APIGW.0301 in the gateway shape',
  run: checkAuthMissing,
};

async function checkAuthMissing(ctx: CheckContext): Promise<void> {
  const none: Auth = { kind: 'none', projectId: ctx.world.projectId };
  expectStatus(
    ctx,
    await ctx.bind(bindExample(ctx.world), { auth: none }),
    [401],
    ['APIGW.0301'],
    'bind without credentials',
    'critical',
  );
  expectStatus(
    ctx,
    await ctx.assign(assignExample(ctx.world), { auth: none }),
    [401],
    ['APIGW.0301'],
    'assign without credentials',
    'critical',
  );
}
