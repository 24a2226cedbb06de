// Judges one exchange against the contract, with the contract's one response judge: the operation is found
// by routing the request (method + path), as the emulator and the client find it.
import type { OperationDefinition } from '../../generated/operations.js';
import type { Contract } from '../contract/bundled.js';
import { parseErrorBody } from '../contract/error-body.js';
import { judgeResponse } from '../contract/response-judge.js';
import { createRouter, pathOf, type Router } from '../contract/router.js';
import type { Exchange } from './types.js';

const routers = new WeakMap<Contract, Router<OperationDefinition>>();

export function operation(contract: Contract, operationId: string): OperationDefinition {
  const found = contract.operations.find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the contract`);
  return found;
}

/** The contract's operation of a recorded request, if its method and path are one. */
export function operationOf(contract: Contract, exchange: Exchange): OperationDefinition | undefined {
  let route = routers.get(contract);
  if (!route) {
    route = createRouter(contract.operations);
    routers.set(contract, route);
  }
  return route(exchange.request.method, pathOf(new URL(exchange.request.url).pathname)).operation;
}

/** The contract's problems with a response, each one sentence; empty when it conforms. */
export function judge(contract: Contract, exchange: Exchange): string[] {
  if (!exchange.operationId) return [];
  const op = operationOf(contract, exchange) ?? operation(contract, exchange.operationId);
  const { status, headers, json, text } = exchange.response;
  return judgeResponse(op, { status, header: (name) => headers[name], text, json }, contract.validators).map(
    (d) => d.message,
  );
}

/** The Huawei error code in a body of any documented shape. */
export function errorCode(json: unknown): string | undefined {
  return parseErrorBody(json).code;
}
