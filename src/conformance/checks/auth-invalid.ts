import { type Check, type CheckContext, expectStatus } from './context.js';
import { BIND, UNBIND } from './bodies.js';
import { securedCalls } from './auth-missing.js';
import { headerName } from '../http.js';
import type { Auth } from '../types.js';

export const authInvalid: Check = {
  name: 'auth-invalid',
  description: 'an unknown token (on each operation) and a tampered AK/SK signature get 401 APIGW.0301',
  stateful: true,
  run: checkAuthInvalid,
};

async function checkAuthInvalid(ctx: CheckContext): Promise<void> {
  const wrong: Auth = { kind: 'token', token: `conform-wrong-token-${ctx.seed}`, projectId: ctx.world.projectId };
  for (const { op, call } of securedCalls(ctx)) {
    expectStatus(
      ctx,
      await ctx.call(op.operationId, call, { auth: wrong }),
      [401],
      ['APIGW.0301'],
      `${op.operationId} with an unknown X-Auth-Token`,
      'critical',
    );
  }
  if (!ctx.contract.operations.some((op) => op.operationId === BIND))
    return ctx.skip(`the unknown-token part passed; the tampered-signature part resends an unbind (${BIND})`);
  const aksk = ctx.auth.kind === 'aksk' ? ctx.auth : ctx.world.aksk;
  if (!aksk)
    return ctx.skip(
      'the unknown-token part passed; the tampered-signature part needs AK/SK credentials (--ak/--sk, or a credential in the fixtures)',
    );
  const signed = await ctx.bind(UNBIND, { auth: aksk });
  if (!expectStatus(ctx, signed, [200], undefined, 'an unbind signed with the AK/SK credential')) return;
  const request = { ...signed.request, headers: { ...signed.request.headers } };
  const key = headerName(request.headers, 'authorization');
  if (!key) return ctx.fail(signed, 'major', 'the runner signs its requests', 'no Authorization header was sent');
  request.headers[key] = request.headers[key]!.replace(
    /Signature=([0-9a-f])/,
    (_, c: string) => `Signature=${c === '0' ? '1' : '0'}`,
  );
  const tampered = await ctx.resend(request, BIND);
  expectStatus(ctx, tampered, [401], ['APIGW.0301'], 'a request whose signature was changed by one digit', 'critical');
}
