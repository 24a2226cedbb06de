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
  return parts.join(' ');
}
