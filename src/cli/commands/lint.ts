// `hwc-contract lint [--spec FILE|URL]`: Redocly's linter, in process, with the rules in redocly.yaml.
import { formatProblems, lint, loadConfig } from '@redocly/openapi-core';
import path from 'node:path';
import { EXIT_FINDINGS, EXIT_OK } from '../../contract/user-error.js';
import { specRef } from '../../contract/spec-ref.js';
import type { Output } from '../output.js';

export async function lintCommand(root: string, options: { spec?: string }, out: Output): Promise<number> {
  const config = await loadConfig({ configPath: path.join(root, 'redocly.yaml') });
  const ref = specRef(root, options.spec);
  const problems = await lint({ ref, config });
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.filter((problem) => problem.severity === 'warn').length;
  if (problems.length > 0) {
    formatProblems(problems, {
      format: 'codeframe',
      totals: { errors, warnings, ignored: 0 },
      version: 'hwc-contract',
    });
  }
  const shown = options.spec === undefined ? path.relative(root, ref) : options.spec;
  out.info(`lint: ${errors} error(s), ${warnings} warning(s) in ${shown}`);
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}
