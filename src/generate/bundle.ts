// Bundles spec/openapi.yaml (or another contract, `--spec`) and the files it references into one OpenAPI document, in process, with Redocly.
import { bundle, loadConfig } from '@redocly/openapi-core';
import path from 'node:path';
import { specRef } from '../contract/spec-ref.js';

export type OpenApiDocument = Record<string, unknown> & {
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
};

export interface BundleResult {
  document: OpenApiDocument;
  problems: string[];
}

/** Bundles the spec; unresolved references and other bundling problems are returned, not thrown. */
export async function bundleSpec(root: string, spec?: string): Promise<BundleResult> {
  const config = await loadConfig({ configPath: path.join(root, 'redocly.yaml') });
  const result = await bundle({ ref: specRef(root, spec), config, dereference: false });
  const problems = result.problems
    .filter((problem) => problem.severity === 'error')
    .map((problem) => `${problem.location[0]?.pointer ?? ''} ${problem.message}`.trim());
  return { document: result.bundle.parsed as OpenApiDocument, problems };
}
