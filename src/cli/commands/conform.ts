// `hwc-contract conform --base-url URL`: contract-tests a server. Exit 0 when every check passed (skips allowed),
// 1 when a check failed, 2 for a usage error or an unreachable target (one line on stderr).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadFixtures, type Fixtures } from '../../contract/fixtures.js';
import { DEFAULT_FIXTURES } from '../../contract/default-fixtures.js';
import { jsonReport, junitReport, prettySummary, REPORTERS, type ReporterName } from '../../conformance/reporters.js';
import { createdLines } from '../../conformance/created.js';
import { runConformance } from '../../conformance/runner.js';
import { packageRoot } from '../../contract/package-root.js';
import { isLoopback } from '../../contract/ip.js';
import type { Auth, Report } from '../../conformance/types.js';
import { EXIT_FINDINGS, EXIT_OK, UserError } from '../../contract/user-error.js';
import type { Output } from '../output.js';

export interface ConformArgs {
  baseUrl: string;
  token?: string;
  ak?: string;
  sk?: string;
  projectId?: string;
  fixtures?: string;
  seed?: string;
  only: string[];
  skip: string[];
  maxExamples?: string;
  reporter: string[];
  output?: string;
  timeout?: string;
  /** Print the requests the run would send (rehearsed on this machine), and send nothing. */
  dryRun?: boolean;
  /** Another contract to test against, read at run time. */
  spec?: string;
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UserError(`${name} must be a non-negative integer`);
  return Number(value);
}

export async function conformCommand(
  args: ConformArgs,
  out: Output,
  env: NodeJS.ProcessEnv = process.env,
  root: string = packageRoot(),
): Promise<number> {
  let baseUrl: URL;
  try {
    baseUrl = new URL(args.baseUrl);
    if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new UserError('--base-url must be an http:// or https:// URL');
  }
  const reporters = (args.reporter.length ? args.reporter : ['pretty']).flatMap((r) => r.split(','));
  for (const r of reporters)
    if (!REPORTERS.includes(r as ReporterName)) throw new UserError(`unknown reporter "${r}" (pretty, json, junit)`);
  const seed = integer('--seed', args.seed, Math.floor(Math.random() * 2 ** 31));
  const maxExamples = integer('--max-examples', args.maxExamples, 25);
  const timeoutMs = integer('--timeout', args.timeout, 10_000);

  const fixtures: Fixtures = args.fixtures ? await loadFixtures(args.fixtures) : DEFAULT_FIXTURES;
  const projectId = args.projectId ?? env.HUAWEICLOUD_SDK_PROJECT_ID ?? fixtures.projects[0]?.id ?? '';
  const ak = args.ak ?? env.HUAWEICLOUD_SDK_AK;
  const sk = args.sk ?? env.HUAWEICLOUD_SDK_SK;
  let auth: Auth | undefined;
  if (args.token) auth = { kind: 'token', token: args.token, projectId };
  else if (ak || sk) {
    if (!ak || !sk)
      throw new UserError('AK/SK credentials need both --ak and --sk (or HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK)');
    auth = { kind: 'aksk', ak, sk, projectId };
  }

  const contract =
    args.spec === undefined
      ? undefined
      : await (await import('../../generate/load-contract.js')).loadContract(root, args.spec);
  const runOptions = {
    baseUrl: baseUrl.href.replace(/\/$/, ''),
    ...(contract && { contract }),
    ...(auth && { auth }),
    fixtures,
    seed,
    maxExamples,
    only: args.only,
    skip: args.skip,
    timeoutMs,
  };
  if (args.dryRun) {
    const { rehearse } = await import('./conform-rehearsal.js');
    const rehearsal = await rehearse(runOptions);
    out.info(
      `# conform --dry-run: the ${rehearsal.requests} requests a run with seed ${seed} sends to ${runOptions.baseUrl} (rehearsed against an emulator on this machine; nothing was sent there)`,
    );
    for (const command of rehearsal.commands) out.info(command);
    out.info('');
    for (const line of createdLines(rehearsal.created))
      out.info(
        `# ${line.replace('Created on the target', 'On a target that conforms, the run creates (IDs and addresses as the rehearsal gave them)')}`,
      );
    return EXIT_OK;
  }
  if (!isLoopback(baseUrl.hostname)) {
    // Another machine: say what the run is about to create there before it does.
    const { rehearse } = await import('./conform-rehearsal.js');
    const { created, requests } = await rehearse(runOptions);
    const sizes = created.eips.map((e) => e.bandwidth.size ?? 0);
    out.error(
      `hwc-contract conform: ${baseUrl.host} is not this machine: the run sends about ${requests} requests and, on a target that conforms, creates ${created.eips.length} EIP(s) (dedicated bandwidth ${Math.min(...sizes)}–${Math.max(...sizes)} Mbit/s) and leaves ${created.boundVirtualIps.length} virtual IP(s) bound; the report lists what it did create. --dry-run prints the requests without sending them.`,
    );
  }

  const pretty = reporters.includes('pretty');
  const files = reporters.filter((r) => r !== 'pretty') as ReporterName[];
  let spinner: import('ora').Ora | undefined;
  if (pretty) {
    const { default: ora } = await import('ora');
    spinner = ora({ stream: process.stderr, isEnabled: process.stderr.isTTY === true });
  }
  let report: Report;
  try {
    report = await runConformance({
      ...runOptions,
      onCheckStart: (check, index, total) => spinner?.start(`[${index + 1}/${total}] ${check.name}`),
      onCheckEnd: (outcome, index, total) => {
        const text = `[${index + 1}/${total}] ${outcome.name} (${outcome.requests} requests)`;
        if (!spinner) return;
        if (outcome.status === 'passed') spinner.succeed(text);
        else if (outcome.status === 'failed') spinner.fail(`${text}: ${outcome.findings.length} finding(s)`);
        else spinner.info(`${text}: skipped, ${outcome.reason}`);
      },
    });
  } finally {
    spinner?.stop();
  }

  if (pretty) out.info(prettySummary(report));
  const render = (r: ReporterName) => (r === 'json' ? jsonReport(report) : junitReport(report));
  if (files.length === 1 && args.output) writeOutput(args.output, render(files[0]!));
  else if (files.length > 1 && args.output)
    for (const r of files)
      writeOutput(path.join(args.output, r === 'json' ? 'conformance.json' : 'junit.xml'), render(r));
  else for (const r of files) out.info(render(r).trimEnd());
  return report.checks.some((c) => c.status === 'failed') ? EXIT_FINDINGS : EXIT_OK;
}

function writeOutput(file: string, text: string): void {
  try {
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${(error as Error).message}`);
  }
}
