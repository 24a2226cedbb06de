// Reports: `pretty` for people (a summary table and each failure with its curl), `json` for programs, `junit` for
// CI viewers (one test case per check, named after it; failures carry the findings, skips their reason). Each
// gives the coverage section and lists what the run created on the target.
import { coverageLines } from './coverage.js';
import { createdLines } from './created.js';
import { variablesUsed } from './reproduce.js';
import type { Report } from './types.js';

export type ReporterName = 'pretty' | 'json' | 'junit';
export const REPORTERS: readonly ReporterName[] = ['pretty', 'json', 'junit'];

export function jsonReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Text made safe for XML 1.0 (the JUnit reports of the runner and the proxy). */
export const xml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 has no place for most control characters.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitReport(report: Report): string {
  const failures = report.checks.filter((c) => c.status === 'failed').length;
  const skipped = report.checks.filter((c) => c.status === 'skipped').length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hwc-contract conform" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="conformance of ${xml(report.baseUrl)}" tests="${report.checks.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${seconds(report.durationMs)}" timestamp="${report.startedAt}">`,
    `    <properties><property name="seed" value="${report.seed}"/><property name="requests" value="${report.requests}"/><property name="stateful" value="${report.capabilities.stateful}"/><property name="coverage" value="${report.coverage.score}"/></properties>`,
  ];
  for (const check of report.checks) {
    lines.push(
      `    <testcase classname="hwc-contract.conform" name="${xml(check.name)}" time="${seconds(check.durationMs)}">`,
    );
    if (check.status === 'skipped') lines.push(`      <skipped message="${xml(check.reason ?? '')}"/>`);
    if (check.status === 'failed') {
      const first = check.findings[0]!;
      const body = check.findings
        .map(
          (f) =>
            `[${f.severity}] ${f.operationId}\nexpected: ${f.expected}\nactual:   ${f.actual}\nseed:     ${f.seed}\nreproduce: ${f.curl}`,
        )
        .join('\n\n');
      lines.push(
        `      <failure message="${xml(`${check.findings.length} finding(s); first: expected ${first.expected}`)}" type="${xml(first.severity)}">${xml(body)}</failure>`,
      );
    }
    lines.push('    </testcase>');
  }
  const out = [...coverageLines(report.coverage), '', ...createdLines(report.created, Number.POSITIVE_INFINITY)];
  lines.push(`    <system-out>${xml(out.join('\n'))}</system-out>`);
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

/** The end-of-run summary: a table of checks, then each failure in full. */
export function prettySummary(report: Report): string {
  const rows = report.checks.map((c) => [
    c.name,
    c.status === 'passed' ? 'passed' : c.status === 'failed' ? `FAILED (${c.findings.length})` : 'skipped',
    String(c.requests),
    `${c.durationMs.toFixed(0)} ms`,
  ]);
  const header = ['check', 'result', 'requests', 'time'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  const failed = report.checks.filter((c) => c.status === 'failed');
  for (const check of failed) {
    out.push('', `✖ ${check.name} — ${check.description}`);
    for (const f of check.findings.slice(0, 10)) {
      out.push(
        `  [${f.severity}] ${f.operationId}`,
        `    expected: ${f.expected}`,
        `    actual:   ${f.actual}`,
        `    seed:     ${f.seed}`,
        `    reproduce: ${f.curl}`,
      );
    }
    if (check.findings.length > 10) out.push(`  … and ${check.findings.length - 10} more (see --reporter json)`);
  }
  const variables = variablesUsed(failed.flatMap((c) => c.findings.map((f) => f.curl)));
  if (variables.length > 0) out.push('', credentialsNote(variables));
  for (const check of report.checks.filter((c) => c.status === 'skipped'))
    out.push(`- ${check.name} skipped: ${check.reason}`);
  out.push('', ...coverageLines(report.coverage));
  out.push('', ...createdLines(report.created));
  const passed = report.checks.filter((c) => c.status === 'passed').length;
  out.push(
    '',
    `${passed} passed, ${failed.length} failed, ${report.checks.length - passed - failed.length} skipped — ${report.requests} requests in ${(report.durationMs / 1000).toFixed(2)} s (${((report.requests / report.durationMs) * 1000).toFixed(0)} req/s), seed ${report.seed}, target ${report.capabilities.stateful ? 'stateful' : 'stateless'}`,
  );
  return out.join('\n');
}

/** What to export before running the commands: reports hold no credential, the commands read them. */
function credentialsNote(variables: readonly string[]): string {
  const signs = variables.some((v) => v.endsWith('_SK'));
  return `The commands read credentials from ${variables.map((v) => `$${v}`).join(', ')}: export them first${signs ? ' (`hwc-contract sign` signs each request anew with the AK/SK, as conform did)' : ''}.`;
}
