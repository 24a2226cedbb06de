// The services an operation belongs to (its first tag), and the errors each answers a request it cannot take:
// its invalid-request codes (EIP v3 has one of its own for bandwidth fields) and its internal error. The
// emulator answers with these; the conformance runner reads a 400 with one of them to a valid request as
// "rejected a valid request".
import { type ApiError, apiError, type ErrorCode } from './error-registry.js';

export interface Service {
  /** The codes of its validation errors. */
  invalidCodes: readonly ErrorCode[];
  invalid(detail: string, field?: string): ApiError;
  /** Also a change the `--state` journal could not save: 500 is the only server error the contract documents. */
  internal(detail: string): ApiError;
}

const SERVICES: Readonly<Record<string, Service>> = {
  ECS: {
    invalidCodes: ['Ecs.0005'],
    invalid: (detail) => apiError('Ecs.0005', detail),
    internal: (detail) => apiError('Ecs.0002', detail),
  },
  EIP: {
    invalidCodes: ['VPC.0501', 'VPC.0301'],
    invalid: (detail, field = '') => apiError(field.startsWith('publicip.bandwidth') ? 'VPC.0301' : 'VPC.0501', detail),
    internal: (detail) => apiError('VPC.0503', detail),
  },
};

/** An operation of a service the toolkit does not know (a tag of an edited contract): the gateway's codes. */
const GATEWAY: Service = {
  invalidCodes: ['APIGW.0201'],
  invalid: (detail) => ({ ...apiError('APIGW.0201', detail), status: 400 }),
  internal: (detail) => apiError('Emulator.0500', detail),
};

export const serviceOf = (op: { readonly tags: readonly string[] }): Service => SERVICES[op.tags[0] ?? ''] ?? GATEWAY;
