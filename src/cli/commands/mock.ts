// `hwc-contract mock [--port N] [--host H]`: Prism serving the bundled contract until interrupted.
import path from 'node:path';
import { startPrism } from '../../mock/prism.js';
import { curlExamples } from '../../mock/curl-examples.js';
import { EXIT_OK } from '../../contract/user-error.js';
import type { Output } from '../output.js';

/** Prism only checks that a credential is present; any token value is accepted by the mock. */
export const MOCK_TOKEN = 'demo-token';

export async function mockCommand(
  root: string,
  options: { port: number; host: string; verbose?: boolean },
  out: Output,
): Promise<number> {
  const prism = await startPrism({
    spec: path.join(root, 'generated', 'openapi.json'),
    host: options.host,
    port: options.port,
    onLine: options.verbose ? (line) => out.error(line) : undefined,
  });
  out.info(`listening on ${prism.url}`);
  out.info(`Prism contract mock of generated/openapi.json. Any X-Auth-Token is accepted, e.g. ${MOCK_TOKEN}. Try:`);
  for (const example of curlExamples(root, prism.url, { 'X-Auth-Token': MOCK_TOKEN })) {
    out.info(`\n# ${example.operationId} (${example.example})\n${example.command}`);
  }
  const stop = () => void prism.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await prism.exited;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return EXIT_OK;
}
