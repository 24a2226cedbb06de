// The bundled contract, read once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../cli/project-root.js';

let spec: unknown;
export function bundledSpec(): unknown {
  return (spec ??= JSON.parse(readFileSync(path.join(projectRoot(), 'generated', 'openapi.json'), 'utf8')));
}
