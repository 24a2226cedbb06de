// `hwc-contract generate [--check]`
import { EXIT_FINDINGS, EXIT_OK } from '../../contract/user-error.js';
import { generate } from '../../generate/generate.js';
import type { Output } from '../output.js';

export async function generateCommand(root: string, options: { check?: boolean }, out: Output): Promise<number> {
  const result = await generate(root, { check: options.check === true });
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
