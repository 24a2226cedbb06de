// The reproducing command of a finding, and what a report may say. A report holds no secret and no replayable
// signature: a token is read from a shell variable; a request the runner signed is signed again, when it is
// run, by `hwc-contract sign -- curl …` with the AK/SK from the environment; a signature the runner did not make
// (a tampered one, resent) is replaced by zeros, which is just as wrong. Tokens the checks make up to be
// refused are not secrets and are written out. Any secret a target echoes back is blanked out of the text.
import { curlCommand } from '../contract/curl.js';
import { headerName } from './http.js';
import type { Auth, Exchange, World } from './types.js';

/** Where the credentials of a run are read from, when a report's commands are run. */
export interface CredentialVariables {
  /** Token value → the shell variable holding it. */
  tokens: ReadonlyMap<string, string>;
  /** AK → the prefix of the variables holding it and its SK (`PREFIX_AK`, `PREFIX_SK`). */
  aksk: ReadonlyMap<string, string>;
  /** Every secret of the run (tokens, SKs), to be blanked out of any text a report holds. */
  secrets: readonly string[];
}

/** The default of `hwc-contract sign` and of `conform` itself: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK. */
export const SDK_ENV_PREFIX = 'HUAWEICLOUD_SDK';

/**
 * The run's credentials and their variables: the one given (`HWC_TOKEN`, or `HUAWEICLOUD_SDK_AK`/`_SK`), the
 * fixtures' AK/SK of the project (`HWC_FIXTURE_AK`/`_SK`), the second project's (`HWC_OTHER_TOKEN`, or
 * `HWC_OTHER_AK`/`_SK`).
 */
export function credentialVariables(main: Auth, world: World): CredentialVariables {
  const tokens = new Map<string, string>();
  const aksk = new Map<string, string>();
  const secrets: string[] = [];
  const add = (auth: Auth | undefined, tokenVariable: string, prefix: string) => {
    if (auth?.kind === 'token' && !tokens.has(auth.token)) {
      tokens.set(auth.token, tokenVariable);
      secrets.push(auth.token);
    }
    if (auth?.kind === 'aksk' && !aksk.has(auth.ak)) {
      aksk.set(auth.ak, prefix);
      secrets.push(auth.sk);
    }
  };
  add(main, 'HWC_TOKEN', SDK_ENV_PREFIX);
  add(world.aksk, 'HWC_FIXTURE_TOKEN', 'HWC_FIXTURE');
  add(world.other?.auth, 'HWC_OTHER_TOKEN', 'HWC_OTHER');
  return { tokens, aksk, secrets: secrets.filter((s) => s.length >= 4) };
}

const SIGNATURE = /Signature=[0-9a-fA-F]+/g;
const ZERO_SIGNATURE = `Signature=${'0'.repeat(64)}`;
/** Any signature but the zeros put in its place. */
const REPLAYABLE_SIGNATURE = /Signature=(?!0{64}(?![0-9a-fA-F]))[0-9a-fA-F]+/g;

/** The command that sends the exchange's request again, holding no secret and no replayable signature. */
export function reproduceCommand(exchange: Exchange, variables: CredentialVariables): string {
  const headers = { ...exchange.request.headers };
  const fromVariables: Record<string, string> = {};
  const tokenHeader = headerName(headers, 'x-auth-token');
  const token = tokenHeader === undefined ? undefined : variables.tokens.get(headers[tokenHeader]!);
  if (token) fromVariables['x-auth-token'] = token;

  const authorization = headerName(headers, 'authorization');
  const signedByRunner = exchange.auth?.kind === 'aksk' && authorization !== undefined;
  if (signedByRunner) {
    // Signed again when the command runs: no date, no signature in the report.
    delete headers[authorization];
    const date = headerName(headers, 'x-sdk-date');
    if (date) delete headers[date];
    const prefix = variables.aksk.get((exchange.auth as Extract<Auth, { kind: 'aksk' }>).ak) ?? SDK_ENV_PREFIX;
    const curl = curlCommand({ ...exchange.request, headers }, { fromVariables });
    return `hwc-contract sign${prefix === SDK_ENV_PREFIX ? '' : ` --env ${prefix}`} -- ${curl}`;
  }
  if (authorization !== undefined) headers[authorization] = headers[authorization]!.replace(SIGNATURE, ZERO_SIGNATURE);
  return blankSecrets(curlCommand({ ...exchange.request, headers }, { fromVariables }), variables);
}

/** The text with every secret of the run and every signature blanked out (for what a target answered). */
export function blankSecrets(text: string, variables: CredentialVariables): string {
  let out = text.replace(REPLAYABLE_SIGNATURE, 'Signature=***');
  for (const secret of variables.secrets) out = out.split(secret).join('***');
  return out;
}

/** The variables a set of commands reads, for the note under a report: `HWC_TOKEN`, `HUAWEICLOUD_SDK_AK`, … */
export function variablesUsed(commands: readonly string[]): string[] {
  const used = new Set<string>();
  for (const command of commands) {
    for (const match of command.matchAll(/\$([A-Z][A-Z0-9_]*)/g)) used.add(match[1]!);
    const signing = /^hwc-contract sign(?: --env ([A-Z][A-Z0-9_]*))? --/.exec(command);
    if (signing) {
      const prefix = signing[1] ?? SDK_ENV_PREFIX;
      used.add(`${prefix}_AK`);
      used.add(`${prefix}_SK`);
    }
  }
  return [...used].sort();
}
