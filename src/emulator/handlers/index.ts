// The stateful handlers, registered per operationId — the one place: each a pure function of the state and the
// validated request. An operation of the contract without a handler here is answered from the contract (its
// documented success example), marked so, and named at start-up; a handler naming no operation of the contract
// fails test/emulator/handlers.test.ts.
import type { HandlerContext, Outcome } from '../context.js';
import type { State } from '../state.js';
import { assignEip, type CreatePublicIpBody } from './assign-eip.js';
import { bindVirtualIp, type ServerVirtualIpBody } from './bind-virtual-ip.js';

/** A handler as the pipeline calls it: decoded path parameters and the body as validated by the contract. */
export type Handler = (state: State, params: Record<string, string>, body: unknown, ctx: HandlerContext) => Outcome;

export const HANDLERS: Readonly<Record<string, Handler>> = {
  AssociateServerVirtualIp: (state, params, body, ctx) =>
    bindVirtualIp(
      state,
      { projectId: params.project_id!, nicId: params.nic_id!, body: body as ServerVirtualIpBody },
      ctx,
    ),
  CreatePublicIpV3: (state, params, body, ctx) =>
    assignEip(state, { projectId: params.project_id!, body: body as CreatePublicIpBody }, ctx),
};
