// The `hwc-contract` command. `runMain` is the only place in the codebase that calls `process.exit`.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT_OK, EXIT_USAGE, UserError } from '../contract/user-error.js';
import { consoleOutput, type Output } from './output.js';
import { packageRoot } from '../contract/package-root.js';
import { isSourceCheckout, staleBuiltCopies } from '../contract/built-copy.js';
import { missingTool } from '../contract/optional-tools.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free port).');
  return port;
}

function parseLockout(value: string): number | 'off' {
  if (value === 'off') return 'off';
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a number of failures, or off.');
  return Number(value);
}

/** What every command's action needs: the package root, where to print, where to leave its exit code. */
interface CommandContext {
  root: string;
  out: Output;
  result: { code: number };
}

/** Builds the command tree. Each action stores its exit code in `result.code`. */
export function buildProgram(out: Output, result: { code: number }): Command {
  const root = packageRoot();
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const program = new Command('hwc-contract')
    .description('One OpenAPI contract for two Huawei Cloud operations, and the tools built from it.')
    .version(version)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => out.info(text.trimEnd()), writeErr: (text) => out.error(text.trimEnd()) })
    .exitOverride();

  const context: CommandContext = { root, out, result };
  addContractCommands(program, context);
  addEmulateCommand(program, context);
  addConformCommand(program, context);
  addSignCommand(program, context);
  for (const command of program.commands) command.exitOverride().showHelpAfterError('(run with --help for usage)');
  return program;
}

/** generate, lint, mock, docs: the commands over the contract itself. */
function addContractCommands(program: Command, { root, out, result }: CommandContext): void {
  program
    .command('generate')
    .description('regenerate generated/ (types, validators, operation table, bundled spec) from spec/')
    .option('--check', 'write nothing; exit 1 if generated/ is out of date with spec/ (or dist/ with generated/)')
    .option('--spec <file|url>', 'another contract to read instead of spec/openapi.yaml (a file, or an http(s) URL)')
    .option('--out <dir>', 'write the generated files here instead of generated/')
    .action(async (options: { check?: boolean; spec?: string; out?: string }) => {
      // Commands load their (heavy) dependencies only when they run.
      const { generateCommand } = await import('./commands/generate.js');
      result.code = await generateCommand(root, options, out);
    });

  program
    .command('lint')
    .description("lint spec/ with Redocly's recommended rules and the project's rules in redocly.yaml")
    .option('--spec <file|url>', 'another contract to read instead of spec/openapi.yaml (a file, or an http(s) URL)')
    .action(async (options: { spec?: string }) => {
      const { lintCommand } = await import('./commands/lint.js');
      result.code = await lintCommand(root, options, out);
    });

  program
    .command('mock')
    .description('serve the contract with the Prism mock (documented examples, request validation)')
    .addOption(new Option('--port <n>', 'port to listen on; 0 picks a free port').default(4010).argParser(parsePort))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--verbose', "show Prism's own log on stderr")
    .option('--spec <file|url>', 'another contract to read instead of spec/openapi.yaml (a file, or an http(s) URL)')
    .action(async (options: { port: number; host: string; verbose?: boolean; spec?: string }) => {
      const { mockCommand } = await import('./commands/mock.js');
      result.code = await mockCommand(root, options, out);
    });

  program
    .command('proxy')
    .description('forward traffic to an implementation and check every exchange against the contract')
    .requiredOption('--upstream <url>', 'the implementation to forward to (http or https)')
    .addOption(new Option('--port <n>', 'port to listen on; 0 picks a free port').default(4011).argParser(parsePort))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--spec <file|url>', 'another contract to read instead of spec/openapi.yaml (a file, or an http(s) URL)')
    .option('--report <file>', 'write the report here when the proxy stops (JUnit for a .xml file, else JSON)')
    .addOption(new Option('--reporter <name>', 'the report format').choices(['json', 'junit']))
    .option('--fail-on-violation', 'answer a response that breaks the contract with a Huawei-shaped 502 Proxy.0502')
    .action(async (options: import('./commands/proxy.js').ProxyArgs) => {
      const { proxyCommand } = await import('./commands/proxy.js');
      result.code = await proxyCommand(root, options, out);
    });

  program
    .command('docs')
    .description('render the reference docs of the contract (Redocly) into one self-contained HTML file')
    .option('--out <dir>', 'folder to write index.html into', 'dist/docs')
    .option('--spec <file|url>', 'another contract to read instead of spec/openapi.yaml (a file, or an http(s) URL)')
    .action(async (options: { out: string; spec?: string }) => {
      const { docsCommand } = await import('./commands/docs.js');
      result.code = await docsCommand(root, options, out);
    });
}

/** emulate: the stateful emulator. */
function addEmulateCommand(program: Command, { root, out, result }: CommandContext): void {
  // Credentials are parsed by the command, so that a malformed one is never echoed (it may hold a secret).
  const collect = (value: string, previous: string[]) => [...previous, value];
  program
    .command('emulate')
    .description('run the stateful Huawei-compatible emulator (addresses from pools, VIPs bound to NICs, quotas, auth)')
    .addOption(new Option('--port <n>', 'port to listen on; 0 picks a free port').default(4010).argParser(parsePort))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option(
      '--state <file>',
      'keep the state in this journal file: restored at start-up, every change on disk before it is acknowledged',
    )
    .option(
      '--fixtures <file>',
      'the world to start with (YAML or JSON): projects, VPCs, subnets, servers, NICs, pools, credentials',
    )
    .option(
      '--faults <file>',
      'fault rules (YAML or JSON): latency, throttling, errors, resets, cut answers, hangs, failures after the change',
    )
    .addOption(
      new Option('--auth <mode>', 'which credentials are accepted')
        .choices(['aksk', 'token', 'any', 'off'])
        .default('any'),
    )
    .option(
      '--credential <AK:SK[:PROJECT_ID]>',
      'accept this AK/SK pair, bound to a project (repeatable; replaces the demo credentials)',
      collect,
      [],
    )
    .option(
      '--token <TOKEN[:PROJECT_ID]>',
      'accept this X-Auth-Token, bound to a project (repeatable; replaces the demo credentials)',
      collect,
      [],
    )
    .option(
      '--log',
      'print a line per request: method, path, status, Huawei error code, time, request ID (never headers or bodies)',
    )
    .addOption(
      new Option(
        '--lockout <N|off>',
        'lock an AK for 5 minutes after more than N consecutive signature failures (default 5, as Huawei)',
      ).argParser(parseLockout),
    )
    .option(
      '--admin-token <token>',
      'require this token (X-Emulator-Admin-Token header) of admin requests; without it, admin is off on a non-loopback --host',
    )
    .action(async (options: import('./commands/emulate.js').EmulateArgs) => {
      const { emulateCommand } = await import('./commands/emulate.js');
      result.code = await emulateCommand(root, options, out);
    });
}

/** conform: the conformance runner. */
function addConformCommand(program: Command, { root, out, result }: CommandContext): void {
  program
    .command('conform')
    .description('contract-test a server that implements these operations (the emulator, a mock, your own) and report')
    .requiredOption('--base-url <url>', 'the server to test, e.g. http://127.0.0.1:4010')
    .option('--token <token>', 'send this X-Auth-Token')
    .option('--ak <ak>', 'sign with this access key (with --sk; or HUAWEICLOUD_SDK_AK)')
    .option('--sk <sk>', 'the secret key of --ak (or HUAWEICLOUD_SDK_SK)')
    .option(
      '--project-id <id>',
      "the project in the URLs (or HUAWEICLOUD_SDK_PROJECT_ID; default: the fixtures' first project)",
    )
    .option(
      '--fixtures <file>',
      "what the target holds (the emulator's fixture format; default: the emulator's default fixtures)",
    )
    .option('--seed <n>', 'seed of the generated requests (printed with every failure); random by default')
    .option('--only <check...>', 'run only these checks')
    .option('--skip <check...>', 'leave these checks out')
    .option('--max-examples <n>', 'generated bodies per operation for schema-valid-requests', '25')
    .option('--reporter <name...>', 'pretty, json, junit (several allowed)', [])
    .option('--output <path>', 'write the json/junit report here (a folder when there are both)')
    .option('--timeout <ms>', 'per-request timeout', '10000')
    .option('--dry-run', 'print the requests the run would send (rehearsed on this machine) and send nothing')
    .option(
      '--spec <file|url>',
      "the contract to test against (default: the package's own); validators compiled at run time",
    )
    .addHelpText(
      'after',
      `\nChecks: ${['documented-examples', 'stateful-double-assign', 'stateful-bind-roundtrip', 'stateful-not-found', 'project-isolation', 'auth-missing', 'auth-invalid', 'constraint-violations', 'malformed-requests', 'schema-valid-requests', 'response-conformance', 'no-server-errors'].join(', ')}`,
    )
    .action(async (options: import('./commands/conform.js').ConformArgs) => {
      const { conformCommand } = await import('./commands/conform.js');
      result.code = await conformCommand(options, out, process.env, root);
    });
}

/** sign: signs a curl command with AK/SK from the environment and runs it (a report's reproducing commands). */
function addSignCommand(program: Command, { out, result }: CommandContext): void {
  program
    .command('sign')
    .description('sign a curl command with AK/SK (SDK-HMAC-SHA256) from $PREFIX_AK/$PREFIX_SK and run it')
    .usage('[--env PREFIX] [--print] -- curl …')
    .option('--env <prefix>', 'read the AK and SK from $PREFIX_AK and $PREFIX_SK', 'HUAWEICLOUD_SDK')
    .option('--print', 'print the signed curl command instead of running it')
    .argument('<command...>', 'the curl command, after --')
    .action(async (command: string[], options: import('./commands/sign.js').SignArgs) => {
      const { signCommand } = await import('./commands/sign.js');
      result.code = signCommand(command, options, out);
    });
}

/** Runs the CLI and returns its exit code; never exits the process. */
export async function run(argv: string[], out: Output = consoleOutput): Promise<number> {
  const result = { code: EXIT_OK };
  const program = buildProgram(out, result);
  try {
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (thrown) {
    // A command whose optional tool (Prism, Redocly, TypeScript…) is not installed: which one to install.
    const error = missingTool(thrown, 'this command') ?? thrown;
    if (error instanceof CommanderError) {
      // --help and --version end with these codes; everything else is a usage error.
      return ['commander.helpDisplayed', 'commander.version', 'commander.help'].includes(error.code)
        ? EXIT_OK
        : EXIT_USAGE;
    }
    if (error instanceof UserError) {
      // The one place a user-facing error becomes a line on stderr and an exit code.
      const command = program.commands.find((c) => c.name() === argv[0]);
      out.error(`hwc-contract: ${command ? `${command.name()}: ` : ''}${error.message}`);
      return error.exitCode;
    }
    out.error(
      `hwc-contract: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_USAGE;
  }
}

export async function runMain(argv: string[]): Promise<never> {
  // A reader that went away (`hwc-contract emulate | head -1`) is no reason to stop serving: what is printed
  // after it goes nowhere. Any other failure to write is still fatal.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  // The built command in a source checkout: refuse to serve a regenerated contract with the validators of an
  // older build (generate rebuilds by itself; this catches generated/ edited or regenerated by other means).
  const root = packageRoot();
  const stale = argv[0] === 'generate' || !isSourceCheckout(root) ? [] : staleBuiltCopies(root);
  if (stale.length > 0) {
    consoleOutput.error(
      `hwc-contract: dist/ was built from an older generated/ (${stale.join(', ')} out of step); run \`npm run build\``,
    );
    process.exit(EXIT_USAGE);
  }
  const code = await run(argv);
  // Writes to a pipe are asynchronous: exiting before they are flushed would cut off the end of a long output
  // (a --dry-run or a JSON report). An empty write calls back once everything before it has been written.
  await Promise.all(
    [process.stdout, process.stderr].map(
      (stream) =>
        new Promise<void>((resolve) => (stream.writableLength === 0 ? resolve() : stream.write('', () => resolve()))),
    ),
  );
  process.exit(code);
}
