// `hwc-contract mock [--port N] [--host H]`: Prism serving the bundled contract until interrupted. Prism never
// outlives the command (see src/mock/prism.ts); a port in use is one line and exit 2, as for `emulate`.
import path from 'node:path';
import { assertCanListen } from '../../contract/listen-error.js';
import { startPrism } from '../../mock/prism.js';
import { curlExamples } from '../../mock/curl-examples.js';
import { EXIT_OK } from '../../contract/user-error.js';
import { bundledContract } from '../../contract/bundled.js';
import { specRef } from '../../contract/spec-ref.js';
import type { Output } from '../output.js';

/** Prism only checks that a credential is present; any token value is accepted by the mock. */
export const MOCK_TOKEN = 'demo-token';

export async function mockCommand(
  root: string,
  options: { port: number; host: string; verbose?: boolean; spec?: string },
  out: Output,
): Promise<number> {
  // Read (and so checked) before Prism starts: a contract that does not bundle is one line, with no Prism left.
  const contract =
    options.spec === undefined
      ? bundledContract()
      : await (await import('../../generate/load-contract.js')).loadContract(root, options.spec);
  // Prism's own answer to a port in use is its usage text: say it in one line first.
  await assertCanListen(options.host, options.port);
  const prism = await startPrism({
    spec: options.spec === undefined ? path.join(root, 'generated', 'openapi.json') : specRef(root, options.spec),
    host: options.host,
    port: options.port,
    onLine: options.verbose ? (line) => out.error(line) : undefined,
  });
  out.info(`listening on ${prism.url}`);
  out.info(
    `Prism contract mock of ${options.spec ?? 'generated/openapi.json'}. Any X-Auth-Token is accepted, e.g. ${MOCK_TOKEN}. Try:`,
  );
  for (const example of curlExamples(contract, prism.url, { 'X-Auth-Token': MOCK_TOKEN })) {
    out.info(`\n# ${example.operationId} (${example.example})\n${example.command}`);
  }
  // The first signal stops Prism; another one while it stops kills it. Either way this process waits for it.
  let signals = 0;
  const stop = () => {
    signals += 1;
    if (signals === 1) void prism.stop();
    else prism.child.kill('SIGKILL');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await prism.exited;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return EXIT_OK;
}
