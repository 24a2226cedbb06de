// The code samples of the rendered page (Redoc's `x-codeSamples`), made from the contract's own examples so that
// they cannot drift from it: per operation and per request example, a curl command (token), the project's
// TypeScript client (openapi-fetch's typed method on the operation's path, AK/SK) and — where the contract names
// one (`x-huawei-sdk` on the tag, `sdkMethod` on the `x-huawei-operations` entry whose `examples` name the
// example) — Huawei's official Node.js SDK. Every sample prints the HTTP status first; a test runs each against
// the emulator.
import { curlCommand } from '../contract/curl.js';
import { deref } from '../contract/json-ref.js';
import { parameterExample, parameterText } from '../contract/parameters.js';

type Node = Record<string, unknown>;

/** Parameter values as text, as they are sent. */
const asText = (record: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).map(([name, value]) => [name, parameterText(value)]));

/** One tab of Redoc's code samples. */
export interface CodeSample {
  /** As Redoc reads it: `curl` is highlighted as shell. */
  lang: 'curl' | 'TypeScript' | 'JavaScript';
  label: string;
  source: string;
}

export interface CodeSampleOptions {
  /** The base URL the samples call (default: the operation's server, its variables at their defaults). */
  endpoint?: string;
}

/** The environment variables the samples read their credentials from. */
export const SAMPLE_ENV = { token: 'HWC_TOKEN', ak: 'HUAWEICLOUD_SDK_AK', sk: 'HUAWEICLOUD_SDK_SK' } as const;

interface HuaweiOperation {
  name?: string;
  sdkMethod?: string;
  examples?: string[];
}

/** The first server of the operation (else its path's, else the document's), variables at their defaults. */
function serverUrl(document: Node, pathItem: Node, operation: Node): string {
  const servers = (operation.servers ?? pathItem.servers ?? document.servers ?? []) as Node[];
  const server = servers[0];
  if (!server) return 'http://127.0.0.1:4010';
  const variables = (server.variables ?? {}) as Record<string, { default?: string }>;
  return String(server.url).replace(/\{([^}]+)\}/g, (whole, name: string) => variables[name]?.default ?? whole);
}

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const key = (name: string) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name));

/** A JSON value as a JavaScript literal, two spaces per level from `indent`: single quotes, trailing commas. */
function literal(value: unknown, indent: string): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  const inner = `${indent}  `;
  const items = Array.isArray(value)
    ? value.map((item) => `${inner}${literal(item, inner)},`)
    : Object.entries(value).map(([name, item]) => `${inner}${key(name)}: ${literal(item, inner)},`);
  if (items.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${items.join('\n')}\n${indent}${close}`;
}

/** An object literal on one line, `{ a: 'x', b: 5 }`, of parameter values. */
function inlineRecord(record: Record<string, unknown>): string {
  const entries = Object.entries(record).map(([name, value]) => `${key(name)}: ${literal(value, '')}`);
  return `{ ${entries.join(', ')} }`;
}

interface SampleRequest {
  method: string;
  path: string;
  /** Path parameters by name. */
  params: Record<string, unknown>;
  /** Query parameters by name, as their schemas type them (text on the wire). */
  query: Record<string, unknown>;
  /** Header parameters by name. */
  headers: Record<string, unknown>;
  example?: { name: string; value: unknown };
}

/** The operation's requests: one per request body example (one with no body when it has none). */
function sampleRequests(
  document: Node,
  path: string,
  method: string,
  pathItem: Node,
  operation: Node,
): SampleRequest[] {
  const declared = [...((pathItem.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])].map(
    (p) => deref(document, p),
  );
  const params: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const headers: Record<string, unknown> = {};
  for (const parameter of declared) {
    const example = parameterExample(document, parameter);
    const name = String(parameter.name);
    const value = example ?? `<${name}>`;
    if (parameter.in === 'path') params[name] = value;
    else if (parameter.required || example !== undefined) {
      if (parameter.in === 'query') query[name] = value;
      else if (parameter.in === 'header') headers[name] = value;
    }
  }
  const body = operation.requestBody ? deref(document, operation.requestBody) : undefined;
  const media = ((body?.content as Node | undefined)?.['application/json'] ?? {}) as Node;
  const examples = Object.entries((media.examples ?? {}) as Node).map(([name, e]) => ({
    name,
    value: deref<{ value?: unknown }>(document, e).value,
  }));
  if (examples.length === 0 && media.example !== undefined) examples.push({ name: 'example', value: media.example });
  const base = { method: method.toUpperCase(), path, params, query, headers };
  return examples.length > 0 ? examples.map((example) => ({ ...base, example })) : [base];
}

function urlOf(endpoint: string, request: SampleRequest): string {
  const path = request.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(parameterText(request.params[name])),
  );
  const search = new URLSearchParams(asText(request.query)).toString();
  return `${endpoint.replace(/\/+$/, '')}${path}${search ? `?${search}` : ''}`;
}

function curlSample(endpoint: string, request: SampleRequest): string {
  const headers: Record<string, string> = request.example ? { 'Content-Type': 'application/json' } : {};
  Object.assign(headers, asText(request.headers));
  headers['X-Auth-Token'] = '';
  return curlCommand(
    {
      method: request.method,
      url: urlOf(endpoint, request),
      headers,
      body: request.example && JSON.stringify(request.example.value, null, 2),
    },
    { fromVariables: { 'x-auth-token': SAMPLE_ENV.token }, multiline: true },
  );
}

function clientSample(endpoint: string, request: SampleRequest): string {
  const options: string[] = [];
  const parameters: string[] = [];
  if (Object.keys(request.params).length > 0) parameters.push(`path: ${inlineRecord(request.params)}`);
  if (Object.keys(request.query).length > 0) parameters.push(`query: ${inlineRecord(request.query)}`);
  if (Object.keys(request.headers).length > 0) parameters.push(`header: ${inlineRecord(request.headers)}`);
  if (parameters.length > 0) options.push(`  params: { ${parameters.join(', ')} },`);
  if (request.example) options.push(`  body: ${literal(request.example.value, '  ')},`);
  const projectId = request.params.project_id === undefined ? undefined : parameterText(request.params.project_id);
  return `import { createClient } from 'hwc-contract';

const client = createClient({
  endpoint: ${quote(endpoint)},
  credentials: {
    ak: process.env.${SAMPLE_ENV.ak} ?? '',
    sk: process.env.${SAMPLE_ENV.sk} ?? '',${projectId ? `\n    projectId: ${quote(projectId)},` : ''}
  },
});
const { data, error, response } = await client.${request.method}(${quote(request.path)}, {
${options.join('\n')}
});
console.log(response.status, JSON.stringify(data ?? error));
`;
}

function sdkSample(
  endpoint: string,
  request: SampleRequest,
  sdk: { package: string; client: string },
  sdkMethod: string,
): string {
  // The SDK takes the project from its credentials, the other parameters and the body by their names.
  const argument: Record<string, unknown> = {};
  for (const [name, value] of Object.entries({ ...request.params, ...request.query }))
    if (name !== 'project_id') argument[name] = value;
  if (request.example) argument.body = request.example.value;
  const projectId = request.params.project_id === undefined ? undefined : parameterText(request.params.project_id);
  return `import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { ${sdk.client} } from ${quote(sdk.package)};

const credentials = new BasicCredentials()
  .withAk(process.env.${SAMPLE_ENV.ak})
  .withSk(process.env.${SAMPLE_ENV.sk})${projectId ? `\n  .withProjectId(${quote(projectId)})` : ''};
const client = ${sdk.client}.newBuilder()
  .withCredential(credentials)
  .withEndpoint(${quote(endpoint)})
  .build();
const result = await client.${sdkMethod}(${literal(argument, '')});
console.log(result.httpStatusCode, JSON.stringify(result));
`;
}

/** The official SDK's client for the operation's service, when the contract names one on its tag. */
function sdkOf(document: Node, operation: Node): { package: string; client: string } | undefined {
  const tag = (operation.tags as string[] | undefined)?.[0];
  const declared = ((document.tags ?? []) as Node[]).find((t) => t.name === tag)?.['x-huawei-sdk'] as
    | { package?: unknown; client?: unknown }
    | undefined;
  if (typeof declared?.package !== 'string' || typeof declared.client !== 'string') return undefined;
  return { package: declared.package, client: declared.client };
}

/** The SDK method for a request example: the Huawei operation that names it, else the only one with a method. */
function sdkMethodFor(operation: Node, example: string | undefined): string | undefined {
  const entries = ((operation['x-huawei-operations'] ?? []) as HuaweiOperation[]).filter((e) => e.sdkMethod);
  const named = entries.find((e) => example !== undefined && e.examples?.includes(example));
  return (named ?? (entries.length === 1 ? entries[0] : undefined))?.sdkMethod;
}

/** The code samples of one operation of a bundled document. */
export function codeSamples(
  document: Node,
  path: string,
  method: string,
  options: CodeSampleOptions = {},
): CodeSample[] {
  const pathItem = deref(document, (document.paths as Node)[path]);
  const operation = deref(document, pathItem[method]);
  const endpoint = options.endpoint ?? serverUrl(document, pathItem, operation);
  const requests = sampleRequests(document, path, method, pathItem, operation);
  const sdk = sdkOf(document, operation);
  const samples: CodeSample[] = [];
  for (const request of requests) {
    const suffix = requests.length > 1 && request.example ? ` (${request.example.name})` : '';
    samples.push({ lang: 'curl', label: `curl${suffix}`, source: curlSample(endpoint, request) });
    samples.push({ lang: 'TypeScript', label: `TypeScript client${suffix}`, source: clientSample(endpoint, request) });
    const sdkMethod = sdk && sdkMethodFor(operation, request.example?.name);
    if (sdk && sdkMethod)
      samples.push({
        lang: 'JavaScript',
        label: `Official SDK${suffix}`,
        source: sdkSample(endpoint, request, sdk, sdkMethod),
      });
  }
  return samples;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * The sample tabs the page offers, for Redoc's `codeSamples.languages` setting: the request payload first (the
 * default tab), then every label the document's `x-codeSamples` use, in order. Redoc shows a sample only when its
 * label is one of these, and tells samples apart by label.
 */
export function sampleLanguages(document: Node): { lang: string; label: string }[] {
  const languages = [{ lang: 'Payload', label: 'Payload' }];
  for (const item of Object.values((document.paths ?? {}) as Record<string, Node>))
    for (const method of METHODS)
      for (const sample of ((item[method] as Node | undefined)?.['x-codeSamples'] ?? []) as CodeSample[])
        if (!languages.some((l) => l.label === sample.label))
          languages.push({ lang: sample.lang, label: sample.label });
  return languages;
}
