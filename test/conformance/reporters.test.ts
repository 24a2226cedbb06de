// The reporters against golden files: one report with a passed, a failed and a skipped check, rendered by each.
// A change of output shows as a diff of the golden file (`vitest run -u` rewrites them after a deliberate change).
import { describe, expect, it } from 'vitest';
import { jsonReport, junitReport, prettySummary } from '../../src/conformance/reporters.js';
import type { Report } from '../../src/conformance/types.js';

const REPORT: Report = {
  baseUrl: 'http://127.0.0.1:4010',
  seed: 42,
  startedAt: '2026-12-01T10:00:00.000Z',
  durationMs: 1234.5,
  requests: 3,
  capabilities: { stateful: true, reason: 'two assigns returned two different EIPs' },
  checks: [
    {
      name: 'auth-missing',
      description: 'no credentials → 401 APIGW.0301',
      status: 'passed',
      findings: [],
      requests: 1,
      durationMs: 3.2,
    },
    {
      name: 'response-conformance',
      description: 'every answer matches the contract',
      status: 'failed',
      findings: [
        {
          check: 'response-conformance',
          operationId: 'CreatePublicIpV3',
          severity: 'major',
          expected: 'a documented status',
          actual: '418 <teapot> & "quotes" \u0007bell',
          seed: 42,
          curl: `curl -sS -i -X POST 'http://127.0.0.1:4010/v3/p/eip/publicips' -H "X-Auth-Token: $HWC_TOKEN"`,
        },
      ],
      requests: 2,
      durationMs: 10,
    },
    {
      name: 'stateful-double-assign',
      description: 'the second assign of one address gets 409 VPC.0522',
      status: 'skipped',
      reason: 'needs a target that keeps state',
      findings: [],
      requests: 0,
      durationMs: 0,
    },
  ],
  created: {
    eips: [
      {
        id: '0c7a3b4e-0000-4000-8000-000000000001',
        address: '100.64.0.2',
        bandwidth: { id: '1d2e3f40-0000-4000-8000-000000000001', size: 5, share_type: 'PER' },
        check: 'documented-examples',
      },
    ],
    boundVirtualIps: [
      { nicId: 'e6b99563-1a2b-4c5d-8e9f-1820d4fd2a67', ipAddress: '192.168.0.7', check: 'stateful-bind-roundtrip' },
    ],
  },
  coverage: {
    score: 71,
    operations: [
      {
        operationId: 'CreatePublicIpV3',
        requests: 3,
        statuses: { seen: ['201', '400'], notSeen: ['401', '409'], undocumented: [418] },
        constraints: { exercised: 61, total: 62, notExercised: ['publicip.lock_infos breaking "minItems 1"'] },
        properties: { exercised: 3, total: 4, notExercised: ['publicip.remark'] },
        generated: { sent: 2, succeeded: 1 },
        score: 71,
      },
    ],
  },
};

describe('the reporters', () => {
  it('pretty: a table, each failure with its curl, the skips and a closing line', async () => {
    await expect(`${prettySummary(REPORT)}\n`).toMatchFileSnapshot('golden/report.pretty.txt');
  });

  it('json: the report as it is', async () => {
    await expect(jsonReport(REPORT)).toMatchFileSnapshot('golden/report.json');
    expect(JSON.parse(jsonReport(REPORT))).toEqual(REPORT);
  });

  it('junit: a test case per check, XML-escaped, with no control characters', async () => {
    const xml = junitReport(REPORT);
    await expect(xml).toMatchFileSnapshot('golden/report.junit.xml');
    expect([...xml].filter((c) => c.charCodeAt(0) < 9)).toEqual([]);
    expect(xml).toContain('&lt;teapot&gt; &amp; &quot;quotes&quot;');
  });
});
