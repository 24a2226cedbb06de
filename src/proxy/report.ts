// The proxy's reports: JSON for programs, JUnit for CI viewers (one test case per operation, failing with its
// violations). Paths without their query, no header values, no bodies: nothing secret.
import { xml } from '../conformance/reporters.js';
import type { ProxyReport } from './tally.js';

export type ProxyReporter = 'json' | 'junit';

export const proxyJsonReport = (report: ProxyReport): string => `${JSON.stringify(report, null, 2)}\n`;

export function proxyJunitReport(report: ProxyReport): string {
  const cases = report.operations.map((op) => ({
    ...op,
    findings: report.findings.filter((f) => (f.operationId ?? '(none)') === op.operationId),
  }));
  const failures = cases.filter((c) => c.violations > 0).length;
  const seconds = (report.durationMs / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hwc-contract proxy" tests="${cases.length}" failures="${failures}" time="${seconds}">`,
    `  <testsuite name="traffic to ${xml(report.upstream)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0" time="${seconds}" timestamp="${report.startedAt}">`,
    `    <properties><property name="exchanges" value="${report.exchanges}"/><property name="violations" value="${report.violations}"/></properties>`,
  ];
  for (const c of cases) {
    lines.push(`    <testcase classname="hwc-contract.proxy" name="${xml(c.operationId)}" time="0">`);
    if (c.violations > 0) {
      const body = c.findings
        .map(
          (f) =>
            `${f.method} ${f.path} → ${f.status || 'no answer'}${f.requestId ? ` (X-Request-Id ${f.requestId})` : ''}\n${f.violations.map((v) => `  [${v.side} ${v.rule}] ${v.message}`).join('\n')}`,
        )
        .join('\n\n');
      const first = c.findings[0]?.violations[0];
      lines.push(
        `      <failure message="${xml(`${c.violations} violation(s) in ${c.exchanges} exchange(s)${first ? `; first: ${first.message}` : ''}`)}" type="violation">${xml(body)}</failure>`,
      );
    }
    lines.push('    </testcase>');
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** The report in the format a file name asks for (`.xml` → JUnit), unless one is given. */
export function renderProxyReport(report: ProxyReport, file: string, reporter?: ProxyReporter): string {
  const format = reporter ?? (file.endsWith('.xml') ? 'junit' : 'json');
  return format === 'junit' ? proxyJunitReport(report) : proxyJsonReport(report);
}
