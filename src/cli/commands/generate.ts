// `hwc-contract generate [--check]`
import { generate, GenerateError } from '../../../scripts/generate.js';
import { CliError, EXIT_FINDINGS, EXIT_OK } from '../cli-error.js';
import type { Output } from '../output.js';

export async function generateCommand(root: string, options: { check?: boolean }, out: Output): Promise<number> {
  let result;
  try {
    result = await generate(root, { check: options.check === true });
  } catch (error) {
    if (error instanceof GenerateError) throw new CliError(`generate: ${error.message}`, EXIT_FINDINGS);
    throw error;
  }
  if (options.check) {
    if (result.changed.length === 0) {
      out.info('generated/ is up to date with spec/.');
      return EXIT_OK;
    }
    out.error(
      `generated/ is out of date with spec/; run \`npm run generate\`. Would change: ${result.changed.join(', ')}`,
    );
    return EXIT_FINDINGS;
  }
  out.info(result.changed.length === 0 ? 'generated/ already up to date.' : `wrote ${result.changed.join(', ')}`);
  return EXIT_OK;
}
