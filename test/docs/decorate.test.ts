// What the docs add to the contract for a reader, made from the contract: error tables, discrepancy notes, links to
// Huawei's pages and the Authentication section with a worked signing example that our signer reproduces.
import { describe, expect, it } from 'vitest';
import { operations } from '../../generated/operations.js';
import { ERRORS } from '../../src/contract/error-registry.js';
import { AUTHENTICATION, decorateForDocs, errorRows, NO_OPERATION, SIGNING_EXAMPLE } from '../../src/docs/decorate.js';
import { signRequest } from '../../src/signing/index.js';
import { bundled, type Node } from '../helpers/contract.js';

const decorated = decorateForDocs(bundled as Node);
const operationOf = (document: Node, path: string, method: string) =>
  ((document.paths as Node)[path] as Node)[method.toLowerCase()] as Node;

describe('decorateForDocs', () => {
  it('leaves the contract it is given unchanged', () => {
    expect(JSON.stringify(decorateForDocs(structuredClone(bundled) as Node))).toBe(JSON.stringify(decorated));
    expect(String((bundled.info as Node).description)).not.toContain('## Authentication');
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: an error table with a row per documented error example — status, code, the registry meaning',
    (_, op) => {
      const rows = errorRows(bundled as Node, operationOf(bundled as Node, op.path, op.method));
      const documented = Object.keys(op.responses).filter((s) => !s.startsWith('2'));
      expect([...new Set(rows.map((r) => r.status))]).toEqual(documented);
      const description = String(operationOf(decorated, op.path, op.method).description);
      expect(description).toContain('| Status | Code | Meaning | When |');
      for (const row of rows) {
        const meaning = (ERRORS as Record<string, { message: string }>)[row.code]?.message;
        if (meaning) expect(row.meaning).toBe(meaning);
        expect(row.when).not.toContain(`(${row.code})`);
        expect(description).toContain(`| ${row.status} | ${row.code} | `);
      }
      expect(description).toMatch(/\*\*Huawei's reference\*\*: \[.+\]\(https:\/\/support\.huaweicloud\.com\/.+\)/);
    },
  );

  it('shows every recorded discrepancy as text next to what it concerns', () => {
    const withNotes: Node[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        if ((node as Node)['x-huawei-discrepancies']) withNotes.push(node as Node);
        Object.values(node as Node).forEach(walk);
      }
    };
    walk(decorated);
    expect(withNotes.length).toBeGreaterThanOrEqual(20);
    for (const node of withNotes) {
      const description = String(node.description);
      expect(description).toContain("**Differs from Huawei's documentation:**");
      for (const note of node['x-huawei-discrepancies'] as string[]) expect(description).toContain(note.trim());
    }
  });

  it('adds an Authentication section whose worked example our signer reproduces (Huawei SDK test vector)', () => {
    expect(String((decorated.info as Node).description)).toContain(AUTHENTICATION.trim());
    const signed = signRequest({
      method: SIGNING_EXAMPLE.method,
      url: SIGNING_EXAMPLE.url,
      headers: { 'X-Sdk-Date': SIGNING_EXAMPLE.date },
      key: { ak: SIGNING_EXAMPLE.ak, sk: SIGNING_EXAMPLE.sk },
      only: [],
    });
    expect(signed.canonicalRequest).toBe(SIGNING_EXAMPLE.canonicalRequest);
    expect(signed.signature).toBe(SIGNING_EXAMPLE.signature);
    expect(AUTHENTICATION).toContain(signed.authorization);
    for (const fact of ['X-Sdk-Date', 'X-Project-Id', 'X-Auth-Token', '15 minutes', '5 consecutive failed signatures'])
      expect(AUTHENTICATION).toContain(fact);
  });

  it('says once what a request that matches no operation gets, since no operation declares it', () => {
    expect(String((decorated.info as Node).description)).toContain(NO_OPERATION.trim());
    expect(NO_OPERATION).toContain('404 APIGW.0101');
  });
});
