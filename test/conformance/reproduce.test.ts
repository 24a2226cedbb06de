// Reports hold no secret and no replayable signature, and every reproducing command can still be run: tokens
// come from shell variables (the right one for each credential), requests the runner signed are signed anew by
// `hwc-contract sign`, a tampered signature is zeroed. Shown on the functions, then on a real failing AK/SK run
// whose commands are run against the target.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { blankSecrets, credentialVariables, reproduceCommand, variablesUsed } from '../../src/conformance/reproduce.js';
import { worldFrom } from '../../src/conformance/runner.js';
import type { Auth, Exchange } from '../../src/conformance/types.js';
import { signedCurlArgs } from '../../src/cli/commands/sign.js';
import { parseCurlArgs } from '../../src/contract/curl.js';
import { signRequest } from '../../src/signing/index.js';
import { ROOT } from '../helpers/contract.js';
import { MUTATIONS, startBrokenServer, type BrokenServer } from './broken-servers.js';

const exec = promisify(execFile);
const BIN = path.join(ROOT, 'bin', 'hwc-contract.js');
const P = DEMO.project;
const URL_ = `http://127.0.0.1:4010/v1/${P}/cloudservers/nics/${DEMO.nic}`;
const BODY = '{"nic":{"subnet_id":"","ip_address":""}}';
const MAIN: Auth = { kind: 'aksk', ak: DEMO.ak, sk: DEMO.sk, projectId: P };
const world = worldFrom(DEFAULT_FIXTURES);
const variables = credentialVariables(MAIN, world);

function exchange(headers: Record<string, string>, auth?: Auth): Exchange {
  return {
    operationId: 'BatchAddServerNicsVip',
    check: 'test',
    request: { method: 'PUT', url: URL_, headers, body: BODY },
    response: { status: 200, headers: {}, text: '', json: undefined },
    ...(auth && { auth }),
  };
}

const signed = () =>
  signRequest({
    method: 'PUT',
    url: URL_,
    headers: { 'Content-Type': 'application/json', 'X-Project-Id': P },
    body: BODY,
    key: { ak: DEMO.ak, sk: DEMO.sk },
  });

describe('reproducing commands', () => {
  it('a request the runner signed: `hwc-contract sign -- curl …`, without its date and signature', () => {
    const { headers, authorization } = signed();
    const command = reproduceCommand(exchange(headers, MAIN), variables);
    expect(command).toMatch(/^hwc-contract sign -- curl -sS -i -X PUT /);
    expect(command).not.toContain(authorization.split('Signature=')[1]!);
    expect(command).not.toMatch(/x-sdk-date|authorization/i);
    expect(command).not.toContain(DEMO.sk);
  });

  it('the second project’s AK/SK: signed with --env HWC_OTHER', () => {
    const aksk: Auth = { kind: 'aksk', ak: DEMO.otherAk, sk: DEMO.otherSk, projectId: DEMO.otherProject };
    const vars = credentialVariables(MAIN, { ...world, other: { ...world.other!, auth: aksk } });
    const signedOther = reproduceCommand(exchange(signed().headers, aksk), vars);
    expect(signedOther).toMatch(/^hwc-contract sign --env HWC_OTHER -- curl /);
  });

  it('a tampered signature sent again as recorded: zeroed, still a wrong signature', () => {
    const { headers } = signed();
    const tampered = { ...headers, authorization: headers.authorization!.replace(/Signature=./, 'Signature=0') };
    const command = reproduceCommand(exchange(tampered), variables);
    expect(command).toContain(`Signature=${'0'.repeat(64)}`);
    expect(command).not.toContain(headers.authorization!.split('Signature=')[1]!.slice(1));
  });

  it.each<[string, Auth, string]>([
    ['the token given', { kind: 'token', token: 'user-token-1', projectId: P }, '$HWC_TOKEN'],
    ['the second project’s token', world.other!.auth, '$HWC_OTHER_TOKEN'],
  ])('%s: read from its own variable', (_what, auth, variable) => {
    const vars = credentialVariables(auth.kind === 'token' && auth.token === 'user-token-1' ? auth : MAIN, world);
    const token = auth.kind === 'token' ? auth.token : '';
    const command = reproduceCommand(exchange({ 'X-Auth-Token': token }, auth), vars);
    expect(command).toContain(`"X-Auth-Token: ${variable}"`);
    expect(command).not.toContain(token);
  });

  it('a token made up to be refused is written out: it is no secret, and the command reproduces the refusal', () => {
    const made: Auth = { kind: 'token', token: 'conform-wrong-token-5', projectId: P };
    expect(reproduceCommand(exchange({ 'X-Auth-Token': made.token }, made), variables)).toContain(
      "'X-Auth-Token: conform-wrong-token-5'",
    );
  });

  it('blanks secrets and signatures a target echoes in its answer', () => {
    const text = `echo: ${signed().authorization} token=${DEMO.otherToken}`;
    const blanked = blankSecrets(text, variables);
    expect(blanked).toContain('Signature=***');
    expect(blanked).not.toContain(DEMO.otherToken);
  });

  it('lists the variables the commands read', () => {
    expect(
      variablesUsed([
        'hwc-contract sign -- curl x',
        'curl -H "X-Auth-Token: $HWC_OTHER_TOKEN"',
        'hwc-contract sign --env HWC_OTHER -- curl',
      ]),
    ).toEqual(['HUAWEICLOUD_SDK_AK', 'HUAWEICLOUD_SDK_SK', 'HWC_OTHER_AK', 'HWC_OTHER_SK', 'HWC_OTHER_TOKEN']);
  });
});

describe('hwc-contract sign', () => {
  it('reads back the request a curl command sends, and signs it as the client does', () => {
    const args = [
      '-sS',
      '-i',
      '-X',
      'PUT',
      URL_,
      '-H',
      'Content-Type: application/json',
      '-H',
      `X-Project-Id: ${P}`,
      '--data-raw',
      BODY,
    ];
    expect(parseCurlArgs(args)).toEqual({
      method: 'PUT',
      url: URL_,
      headers: { 'Content-Type': 'application/json', 'X-Project-Id': P },
      body: BODY,
    });
    const date = new Date('2026-12-02T10:00:00Z');
    const withSignature = signedCurlArgs(args, { ak: DEMO.ak, sk: DEMO.sk }, date);
    const expected = signRequest({
      method: 'PUT',
      url: URL_,
      headers: { 'Content-Type': 'application/json', 'X-Project-Id': P },
      body: BODY,
      key: { ak: DEMO.ak, sk: DEMO.sk },
      date,
    });
    expect(withSignature.slice(-4)).toEqual([
      '-H',
      `X-Sdk-Date: ${expected.sdkDate}`,
      '-H',
      `Authorization: ${expected.authorization}`,
    ]);
  });
});

describe('a failing AK/SK conform run', () => {
  let broken: BrokenServer;
  const dir = mkdtempSync(path.join(tmpdir(), 'hwc-reproduce-'));
  beforeAll(async () => {
    // A fault of the answer only: the request reaches the emulator as signed.
    broken = await startBrokenServer(MUTATIONS['bind-answers-202']!);
  });
  afterAll(() => broken.close());

  it('writes no signature and no SK into any report, and its signed command, run, shows the fault again', async () => {
    const env = {
      ...process.env,
      HUAWEICLOUD_SDK_AK: DEMO.ak,
      HUAWEICLOUD_SDK_SK: DEMO.sk,
      HUAWEICLOUD_SDK_PROJECT_ID: P,
    };
    const run = await exec(
      process.execPath,
      [
        BIN,
        'conform',
        '--base-url',
        broken.url,
        '--seed',
        '5',
        '--reporter',
        'pretty',
        'json',
        'junit',
        '--output',
        dir,
      ],
      { env, cwd: ROOT },
    ).catch((e: { code: number; stdout: string }) => e);
    expect((run as { code: number }).code).toBe(1);
    const reports = [
      run.stdout,
      readFileSync(path.join(dir, 'conformance.json'), 'utf8'),
      readFileSync(path.join(dir, 'junit.xml'), 'utf8'),
    ];
    for (const report of reports) {
      expect(report).not.toContain(DEMO.sk);
      // A signature is 64 hex digits: none but zeros anywhere.
      expect(report.match(/[0-9a-f]{64}/g)?.filter((hex) => hex !== '0'.repeat(64)) ?? []).toEqual([]);
    }
    expect(run.stdout).toContain('$HUAWEICLOUD_SDK_AK, $HUAWEICLOUD_SDK_SK');
    const command = /reproduce: (hwc-contract sign -- curl .*-X PUT.*)$/m.exec(run.stdout)![1]!;
    const { stdout } = await exec(
      'sh',
      [
        '-c',
        command
          .replace(/^hwc-contract/, `"${process.execPath}" "${BIN}"`)
          .replace('curl -sS -i', 'curl -sS -o /dev/null -w "%{http_code}"'),
      ],
      { env },
    );
    expect(stdout).toBe('202');
  });
});
