// `hwc-contract generate [--check]`. In a source checkout, a generate that changed generated/ rebuilds dist/ at
// once (`npm run build`), so that the next `npm start`, test run or CLI run serves the new contract with the
// new validators; `--check` also fails when dist/ holds copies of an older generated/.
import { spawnSync } from 'node:child_process';
import { isSourceCheckout, staleBuiltCopies } from '../../contract/built-copy.js';
import { EXIT_FINDINGS, EXIT_OK } from '../../contract/user-error.js';
import { generate } from '../../generate/generate.js';
import type { Output } from '../output.js';

export async function generateCommand(
  root: string,
  options: { check?: boolean; spec?: string; out?: string },
  out: Output,
): Promise<number> {
  const result = await generate(root, options);
  // Another contract, or another folder: the package's own generated/ and dist/ are not touched.
  const own = options.spec === undefined && options.out === undefined;
  if (options.check && !own) {
    if (result.changed.length === 0) {
      out.info(`${options.out ?? 'generated/'} is up to date with ${options.spec ?? 'spec/'}.`);
      return EXIT_OK;
    }
    out.error(`out of date with ${options.spec ?? 'spec/'}; would change: ${result.changed.join(', ')}`);
    return EXIT_FINDINGS;
  }
  if (options.check) {
    if (result.changed.length > 0) {
      out.error(
        `generated/ is out of date with spec/; run \`npm run generate\`. Would change: ${result.changed.join(', ')}`,
      );
      return EXIT_FINDINGS;
    }
    const stale = staleBuiltCopies(root);
    if (stale.length > 0) {
      out.error(`dist/ was built from an older generated/; run \`npm run build\`. Out of step: ${stale.join(', ')}`);
      return EXIT_FINDINGS;
    }
    out.info('generated/ is up to date with spec/, and dist/ with generated/.');
    return EXIT_OK;
  }
  out.info(result.changed.length === 0 ? 'generated/ already up to date.' : `wrote ${result.changed.join(', ')}`);
  if (own && isSourceCheckout(root) && (result.changed.length > 0 || staleBuiltCopies(root).length > 0)) {
    out.info('rebuilding dist/ (npm run build) so that the next run uses the new contract…');
    const build = spawnSync('npm', ['run', '-s', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    if (build.status !== 0) {
      out.error(`npm run build failed (exit ${build.status ?? build.signal}); dist/ still holds the old contract`);
      return EXIT_FINDINGS;
    }
  }
  return EXIT_OK;
}
