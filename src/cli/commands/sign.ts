// `hwc-contract sign [--env PREFIX] [--print] -- curl …`: signs a curl command with AK/SK (SDK-HMAC-SHA256, the
// same signer as the client's) and runs it. The AK and SK come from $PREFIX_AK and $PREFIX_SK (default
// HUAWEICLOUD_SDK_AK / HUAWEICLOUD_SDK_SK), never from the command line: this is how a conformance report's
// reproducing commands are sent again, and how a signed request is tried by hand. The signature is made when
// the command runs, so a report never needs to hold one.
import { spawnSync } from 'node:child_process';
import { parseCurlArgs, shellQuote } from '../../contract/curl.js';
import { UserError } from '../../contract/user-error.js';
import { signRequest } from '../../signing/index.js';
import type { Output } from '../output.js';

export interface SignArgs {
  env: string;
  print?: boolean;
}

/** The curl arguments with the signature headers added (X-Sdk-Date and Authorization, replacing any given). */
export function signedCurlArgs(curlArgs: readonly string[], key: { ak: string; sk: string }, date?: Date): string[] {
  let request: ReturnType<typeof parseCurlArgs>;
  try {
    request = parseCurlArgs(curlArgs);
  } catch (error) {
    throw new UserError(`cannot read the curl command: ${(error as Error).message}`);
  }
  const signed = signRequest({
    method: request.method,
    url: request.url,
    headers: request.headers,
    body: request.body ?? '',
    key,
    ...(date && { date }),
  });
  // Headers given for the signature are dropped: the fresh ones replace them.
  const kept: string[] = [];
  for (let i = 0; i < curlArgs.length; i += 1) {
    const arg = curlArgs[i]!;
    const next = curlArgs[i + 1];
    if ((arg === '-H' || arg === '--header') && next && /^(authorization|x-sdk-date)\s*:/i.test(next)) {
      i += 1;
      continue;
    }
    kept.push(arg);
  }
  return [...kept, '-H', `X-Sdk-Date: ${signed.sdkDate}`, '-H', `Authorization: ${signed.authorization}`];
}

export function signCommand(command: readonly string[], args: SignArgs, out: Output): number {
  if (command[0] !== 'curl') throw new UserError('expected a curl command after --, e.g. hwc-contract sign -- curl …');
  const ak = process.env[`${args.env}_AK`];
  const sk = process.env[`${args.env}_SK`];
  if (!ak || !sk) throw new UserError(`set $${args.env}_AK and $${args.env}_SK to the AK/SK to sign with`);
  const curlArgs = signedCurlArgs(command.slice(1), { ak, sk });
  if (args.print) {
    out.info(['curl', ...curlArgs.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : shellQuote(a)))].join(' '));
    return 0;
  }
  const result = spawnSync('curl', curlArgs, { stdio: 'inherit' });
  if (result.error)
    throw new UserError(`cannot run curl: ${(result.error as NodeJS.ErrnoException).code ?? result.error.message}`);
  return result.status ?? 1;
}
