// What the rendered page shows beyond the contract's own descriptions, made from the contract itself so that the
// YAML stays the one source: per operation, a table of its error codes (status, code, meaning, when) from its
// response examples and the error registry, and links to Huawei's reference pages; next to every field, schema,
// response or operation that records `x-huawei-discrepancies`, those differences as visible text; code samples
// (code-samples.ts); and an Authentication section. A pure function over the bundled document, applied before Redocly renders it.
import { errorExamples } from '../contract/error-examples.js';
import { ERRORS } from '../contract/error-registry.js';
import { codeSamples } from './code-samples.js';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The signing example: Huawei's own Go SDK test vector (TV3 in the facts), checked against our signer in a test. */
export const SIGNING_EXAMPLE = {
  ak: 'AccessKey',
  sk: 'SecretKey',
  date: '20060102T150405Z',
  method: 'GET',
  url: 'http://127.0.0.1/path?limit=1',
  canonicalRequest:
    'GET\n/path/\nlimit=1\nx-sdk-date:20060102T150405Z\n\nx-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  signature: '5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624',
} as const;

export const AUTHENTICATION = `
## Authentication

Every operation takes one of two credentials (the official SDK signs with AK/SK only).

**Token** — \`X-Auth-Token: <token>\`, the \`X-Subject-Token\` that IAM's "Obtaining a User Token" returns
(\`POST /v3/auth/tokens\`, scoped to the project), valid for 24 hours.

**AK/SK** — each request is signed with \`SDK-HMAC-SHA256\`, as Huawei's SDKs sign it:

1. \`X-Sdk-Date\`: the time in UTC as \`YYYYMMDDTHHMMSSZ\`. The gateway refuses a date more than **15 minutes** from
   its clock (\`401 APIGW.0301\`).
2. \`X-Project-Id\`: the project the call acts in (the SDK adds it and signs it).
3. The canonical request: the method; the path with each segment percent-encoded and a \`/\` appended; the query
   sorted by name and value, each encoded; each signed header as \`name:value\` (lower-case name, sorted); the
   signed header names joined by \`;\`; the lower-case hex SHA-256 of the body.
4. The string to sign: \`SDK-HMAC-SHA256\`, the \`X-Sdk-Date\` and the hex SHA-256 of the canonical request, one
   per line; the signature is its HMAC-SHA256 with the SK as key, in lower-case hex.
5. \`Authorization: SDK-HMAC-SHA256 Access=<AK>, SignedHeaders=<names>, Signature=<hex>\`.

A worked example (Huawei's own SDK test vector): AK \`${SIGNING_EXAMPLE.ak}\`, SK \`${SIGNING_EXAMPLE.sk}\`,
\`X-Sdk-Date: ${SIGNING_EXAMPLE.date}\`, \`${SIGNING_EXAMPLE.method} /path?limit=1\` with no body, only
\`x-sdk-date\` signed. The canonical request is

\`\`\`
${SIGNING_EXAMPLE.canonicalRequest}
\`\`\`

and the header \`Authorization: SDK-HMAC-SHA256 Access=${SIGNING_EXAMPLE.ak}, SignedHeaders=x-sdk-date, Signature=${SIGNING_EXAMPLE.signature}\`.

After more than **5 consecutive failed signatures** an AK is locked for **5 minutes**: every call with it gets
\`401 APIGW.0301\` until then, even a correctly signed one.
`;

/** The gateway's answer to a request that reaches no operation: declared by none, so said once for the page. */
export const NO_OPERATION = `
## Requests that match no operation

A method and path that match no operation of this contract get \`${ERRORS['APIGW.0101'].status} APIGW.0101\` from
the API gateway (${ERRORS['APIGW.0101'].message.toLowerCase()}), in the gateway's shape:
\`{"error_code": "APIGW.0101", "error_msg": "…", "request_id": "…"}\`. No operation declares it, since it is the answer
of none.
`;

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** The error rows of an operation: one per error example, in the order of the responses. */
export function errorRows(
  document: Node,
  operation: Node,
): { status: string; code: string; meaning: string; when: string }[] {
  return errorExamples(document, operation).map(({ status, code, message, summary }) => ({
    status,
    code,
    meaning:
      (ERRORS as Record<string, { message: string }>)[code]?.message ?? message.split(':')[0]!.replace(/\.$/, ''),
    // A summary that ends with its code in parentheses: the code has a column of its own.
    when: summary.replace(` (${code})`, ''),
  }));
}

function errorTable(document: Node, operation: Node): string {
  const rows = errorRows(document, operation);
  if (rows.length === 0) return '';
  const lines = ['| Status | Code | Meaning | When |', '| --- | --- | --- | --- |'];
  for (const row of rows) lines.push(`| ${row.status} | ${row.code} | ${cell(row.meaning)} | ${cell(row.when)} |`);
  return `\n\n**Errors**\n\n${lines.join('\n')}`;
}

/** Huawei's pages for an operation's service: its reference page and error codes, and the signing guide. */
function huaweiLinks(document: Node, operation: Node): string {
  const sources = (
    ((document.info as Node | undefined)?.['x-huawei-sources'] ?? []) as { name: string; url: string }[]
  ).filter((source) => typeof source.url === 'string');
  const service = String((operation.tags as string[] | undefined)?.[0] ?? '').toLowerCase();
  const mine = sources.filter(
    (s) => s.url.includes(`/api-${service}/`) || s.url.includes(`-api-${service}/`) || s.url.includes('/devg-apisign/'),
  );
  if (mine.length === 0) return '';
  return `\n\n**Huawei's reference**: ${mine.map((s) => `[${s.name}](${s.url})`).join(' · ')}`;
}

const discrepancyNote = (notes: readonly unknown[]) =>
  `\n\n**Differs from Huawei's documentation:**\n\n${notes.map((note) => `- ${String(note).trim()}`).join('\n')}`;

/** Every node that records discrepancies gets them appended to its description. */
function showDiscrepancies(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) showDiscrepancies(item);
    return;
  }
  if (!isNode(node)) return;
  const notes = node['x-huawei-discrepancies'];
  if (Array.isArray(notes) && notes.length > 0 && typeof node.$ref !== 'string')
    node.description = `${String(node.description ?? '').trimEnd()}${discrepancyNote(notes)}`.trimStart();
  for (const [key, value] of Object.entries(node)) if (key !== 'x-huawei-discrepancies') showDiscrepancies(value);
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** The document as the docs render it (a copy; the argument is not changed). */
export function decorateForDocs(source: Node): Node {
  const document = structuredClone(source);
  showDiscrepancies(document);
  const info = (document.info ?? {}) as Node;
  info.description = `${String(info.description ?? '').trimEnd()}\n${AUTHENTICATION}${NO_OPERATION}`;
  document.info = info;
  for (const [path, item] of Object.entries((document.paths as Node | undefined) ?? {})) {
    if (!isNode(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isNode(operation)) continue;
      operation.description = `${String(operation.description ?? '').trimEnd()}${errorTable(document, operation)}${huaweiLinks(document, operation)}`;
      operation['x-codeSamples'] ??= codeSamples(document, path, method);
    }
  }
  return document;
}
