// Requests as curl commands a reader can paste: the emulator's and the mock's start-up examples, and the
// conformance runner's reproducing commands. One way to quote and to order the parts, for every side.

/** A word for the shell: single-quoted, with single quotes escaped. */
export const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export interface CurlRequest {
  method: string;
  url: string;
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
}

export interface CurlOptions {
  /** Headers (lower-case names) whose value the command reads from a shell variable instead of writing it out. */
  fromVariables?: Readonly<Record<string, string>>;
  /** One option per line, each continued with a backslash (for a page a reader copies from). */
  multiline?: boolean;
}

/** Headers curl sets itself from the URL and the body. */
const SET_BY_CURL = new Set(['host', 'content-length']);

/** `curl -sS -i -X METHOD 'URL' -H 'Name: value' … --data-raw 'BODY'`. */
export function curlCommand(request: CurlRequest, options: CurlOptions = {}): string {
  const parts = [`curl -sS -i -X ${request.method} ${shellQuote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (SET_BY_CURL.has(lower)) continue;
    const variable = options.fromVariables?.[lower];
    parts.push(variable ? `-H "${name}: $${variable}"` : `-H ${shellQuote(`${name}: ${value}`)}`);
  }
  // --data-raw, not -d: a body that starts with @ is sent as it is, not read from a file.
  if (request.body !== undefined) parts.push(`--data-raw ${shellQuote(request.body)}`);
  return parts.join(options.multiline ? ' \\\n  ' : ' ');
}

/** curl's options that take a value, besides the ones read here (-X, -H, the data options, --url). */
const VALUE_OPTIONS = new Set(['-o', '--output', '-u', '--user', '-A', '--user-agent', '-m', '--max-time', '-w']);
const DATA_OPTIONS = new Set(['-d', '--data', '--data-raw', '--data-binary']);

/**
 * The request a curl command line sends: method, URL, headers and body, read from the options this module
 * writes (`-X`, `-H`, `--data-raw`) and their usual spellings. Throws on a command it cannot read.
 */
export function parseCurlArgs(args: readonly string[]): CurlRequest {
  let method: string | undefined;
  let url: string | undefined;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === '-X' || arg === '--request') method = value();
    else if (arg === '-H' || arg === '--header') {
      const header = value();
      const colon = header.indexOf(':');
      if (colon <= 0) throw new Error(`the header ${header.slice(0, 40)} has no name`);
      headers[header.slice(0, colon).trim()] = header.slice(colon + 1).trim();
    } else if (DATA_OPTIONS.has(arg)) body = value();
    else if (arg === '--url') url = value();
    else if (VALUE_OPTIONS.has(arg)) value();
    else if (!arg.startsWith('-')) url ??= arg;
  }
  if (url === undefined) throw new Error('the curl command names no URL');
  return { method: method ?? (body === undefined ? 'GET' : 'POST'), url, headers, body };
}
