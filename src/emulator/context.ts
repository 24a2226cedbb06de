// What a handler gets besides the state and the request: who is calling, and the sources of identity and time
// (passed in, so handlers stay pure and tests can fix them).
import type { ApiError } from '../contract/error-registry.js';
import type { Event } from './state.js';

export interface Principal {
  kind: 'aksk' | 'token' | 'none';
  /** The project the credential is bound to, if any. */
  projectId: string | undefined;
  admin: boolean;
}

export interface HandlerContext {
  requestId: string;
  now: Date;
  /** A fresh resource ID (a UUID). */
  newId: () => string;
  principal: Principal;
}

export type Outcome = { status: number; body: unknown; events: Event[] } | { error: ApiError };
