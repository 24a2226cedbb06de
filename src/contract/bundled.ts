// The generated artefacts as the run-time sides use them: the bundled contract (generated/openapi.json) and the
// ajv standalone validators looked up by name. One place, so the emulator, the conformance runner and the curl
// examples read the same thing the same way.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
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
