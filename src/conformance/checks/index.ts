// The registry of checks, in the order they run. The name is the CLI filter (--only/--skip), the report label
// and the JUnit test case; each check is a small named function in a file of its own.
import type { Check } from './context.js';
import { documentedExamples } from './documented-examples.js';
import { statefulDoubleAssign } from './stateful-double-assign.js';
import { statefulBindRoundtrip } from './stateful-bind-roundtrip.js';
import { statefulNotFound } from './stateful-not-found.js';
import { projectIsolation } from './project-isolation.js';
import { authMissing } from './auth-missing.js';
import { authInvalid } from './auth-invalid.js';
import { constraintViolations } from './constraint-violations.js';
import { malformedRequests } from './malformed-requests.js';
import { schemaValidRequests } from './schema-valid-requests.js';
import { responseConformance } from './response-conformance.js';
import { noServerErrors } from './no-server-errors.js';

export type { Check, CheckContext } from './context.js';

export const CHECKS: readonly Check[] = [
  documentedExamples,
  statefulDoubleAssign,
  statefulBindRoundtrip,
  statefulNotFound,
  projectIsolation,
  authMissing,
  authInvalid,
  constraintViolations,
  malformedRequests,
  schemaValidRequests,
  responseConformance,
  noServerErrors,
];
