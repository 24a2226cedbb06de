// `hwc-contract lint`: Redocly's linter, in process, with the rules in redocly.yaml.
import { formatProblems, lint, loadConfig } from '@redocly/openapi-core';
import path from 'node:path';
import { EXIT_FINDINGS, EXIT_OK } from '../../contract/user-error.js';
import type { Output } from '../output.js';

export async function lintCommand(root: string, out: Output): Promise<number> {
  const config = await loadConfig({ configPath: path.join(root, 'redocly.yaml') });
  const ref = path.join(root, 'spec', 'openapi.yaml');
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
  out.info(`lint: ${errors} error(s), ${warnings} warning(s) in ${path.relative(root, ref)}`);
  return errors > 0 ? EXIT_FINDINGS : EXIT_OK;
}
