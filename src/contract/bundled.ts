// The generated artefacts as the run-time sides use them: the bundled contract (generated/openapi.json) and the
// ajv standalone validators looked up by name. One place, so the emulator, the conformance runner and the curl
// examples read the same thing the same way.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { type OperationDefinition, operations } from '../../generated/operations.js';
import * as generated from '../../generated/validators.js';
import { packageRoot } from './package-root.js';

export type ValidatorFn = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** The generated validators by export name (`validateCreatePublicIpV3RequestBody`, …). */
export const validators = generated as unknown as Readonly<Record<string, ValidatorFn>>;

/** The text of generated/openapi.json. */
export function bundledSpecText(root: string = packageRoot()): string {
  return readFileSync(path.join(root, 'generated', 'openapi.json'), 'utf8');
}

const parsed = new Map<string, unknown>();
/** generated/openapi.json, parsed once per root. */
export function bundledSpec(root: string = packageRoot()): Record<string, unknown> {
  if (!parsed.has(root)) parsed.set(root, JSON.parse(bundledSpecText(root)));
  return parsed.get(root) as Record<string, unknown>;
}

/**
 * A contract as the run-time sides use it: the bundled document, its operation table and its validators by
 * name. The package's own is generated; `hwc-contract conform --spec` builds one from a file at run time.
 */
export interface Contract {
  document: Record<string, unknown>;
  operations: readonly OperationDefinition[];
  validators: Readonly<Record<string, ValidatorFn>>;
}

let own: Contract | undefined;
/** The package's own contract: generated/openapi.json, the operation table and the generated validators. */
export function bundledContract(): Contract {
  own ??= { document: bundledSpec(), operations: operations as readonly OperationDefinition[], validators };
  return own;
}
