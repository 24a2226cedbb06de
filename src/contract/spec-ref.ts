// Which contract a command reads: `--spec FILE|URL` when given (a file relative to the working folder), else the
// package's spec/openapi.yaml.
import path from 'node:path';

export const specRef = (root: string, spec?: string): string =>
  spec === undefined ? path.join(root, 'spec', 'openapi.yaml') : /^https?:\/\//.test(spec) ? spec : path.resolve(spec);
