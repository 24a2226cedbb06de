// `hwc-contract proxy --upstream URL [--port N] [--host H] [--spec FILE|URL] [--report FILE] [--reporter json|junit]
// [--fail-on-violation]`: the validating proxy until interrupted. It prints its URL first, a line per exchange
// that breaks the contract, and on SIGINT/SIGTERM writes the report and a summary; exit 1 when any exchange
// broke the contract (as `conform` exits on findings), 0 otherwise.
import { writeFileSync } from 'node:fs';
import { bundledContract } from '../../contract/bundled.js';
import { EXIT_FINDINGS, EXIT_OK, UserError } from '../../contract/user-error.js';
import { startProxy } from '../../proxy/proxy.js';
import { type ProxyReporter, renderProxyReport } from '../../proxy/report.js';
import type { Output } from '../output.js';

export interface ProxyArgs {
  upstream: string;
  port: number;
  host: string;
  spec?: string;
  report?: string;
  reporter?: ProxyReporter;
  failOnViolation?: boolean;
}

export async function proxyCommand(root: string, args: ProxyArgs, out: Output): Promise<number> {
  let upstream: URL;
  try {
    upstream = new URL(args.upstream);
  } catch {
    throw new UserError(`--upstream must be a URL, not ${args.upstream.slice(0, 100)}`);
  }
  if (upstream.protocol !== 'http:' && upstream.protocol !== 'https:')
    throw new UserError(`--upstream must be an http or https URL, not ${upstream.protocol}`);
  if (upstream.username || upstream.password) throw new UserError('--upstream must not hold credentials');
  const contract =
    args.spec === undefined
      ? bundledContract()
      : await (await import('../../generate/load-contract.js')).loadContract(root, args.spec);
  const proxy = await startProxy({
    upstream: upstream.href,
    contract,
    host: args.host,
    port: args.port,
    failOnViolation: args.failOnViolation ?? false,
    onExchange: (exchange) => {
      for (const v of exchange.violations)
        out.info(
          `violation: ${exchange.method} ${exchange.path} → ${exchange.status || 'no answer'}: [${v.side} ${v.rule}] ${v.message}`,
        );
    },
  });
  out.info(`listening on ${proxy.url}`);
  out.info(
    `hwc-contract proxy: forwarding to ${upstream.origin}, judging with ${args.spec ?? 'the package contract'}${args.failOnViolation ? '; a response that breaks the contract is answered 502 Proxy.0502' : ''}`,
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await proxy.close();
  const report = proxy.report();
  if (args.report) writeFileSync(args.report, renderProxyReport(report, args.report, args.reporter));
  out.info(
    `proxy: ${report.exchanges} exchanges, ${report.violating} broke the contract (${report.violations} violations)${args.report ? `; report in ${args.report}` : ''}`,
  );
  return report.violating > 0 ? EXIT_FINDINGS : EXIT_OK;
}
