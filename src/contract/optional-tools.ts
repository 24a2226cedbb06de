// The heavy tools only some commands need — Prism (mock), Redocly (lint, docs, --spec), openapi-typescript and
// TypeScript (generate) — are optional peer dependencies: `npm install hwc-contract` leaves them out, and a
// command that needs one that is missing says in one line which package to install (exit 2). The versions come
// from package.json's peerDependencies, the one list of them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';
import { UserError } from './user-error.js';

export class MissingToolError extends UserError {
  override readonly name = 'MissingToolError';
  constructor(
    readonly packageName: string,
    range: string,
    purpose: string,
  ) {
    super(`${purpose} needs ${packageName}, which is not installed: npm install --save-dev ${packageName}@${range}`);
  }
}

/** The optional peer dependencies and their ranges, from package.json. */
export function optionalTools(root: string = packageRoot()): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    peerDependencies?: Record<string, string>;
  };
  return manifest.peerDependencies ?? {};
}

/** The package a "cannot find" error of Node's loaders names (`import` or `require.resolve`), if any. */
function missingPackage(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return undefined;
  return /Cannot find (?:package|module) '((?:@[^/']+\/)?[^/']+)/.exec((error as Error).message)?.[1];
}

/**
 * A MissingToolError for an error that says an optional tool is not installed, or undefined for any other
 * error. `purpose` names what needed it ("hwc-contract lint").
 */
export function missingTool(error: unknown, purpose: string): MissingToolError | undefined {
  const name = missingPackage(error);
  if (name === undefined) return undefined;
  const range = optionalTools()[name];
  return range === undefined ? undefined : new MissingToolError(name, range, purpose);
}

/** Runs `load`, turning a missing optional tool into a MissingToolError. */
export async function withTool<T>(purpose: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw missingTool(error, purpose) ?? error;
  }
}

/** `require.resolve` for a tool's file, turning its absence into a MissingToolError. */
export function resolveTool(purpose: string, resolve: () => string): string {
  try {
    return resolve();
  } catch (error) {
    throw missingTool(error, purpose) ?? error;
  }
}
