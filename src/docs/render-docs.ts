// Rendered reference docs: Redocly's `build-docs` over the bundled contract, made self-contained. Redocly's page
// loads Redoc from a CDN; the same file (Redoc's standalone bundle) ships inside @redocly/cli, so it is inlined
// into the page — after checking it is byte for byte the file the page names (its sha384 `integrity`).
import { resolveTool } from '../contract/optional-tools.js';
import { decorateForDocs } from './decorate.js';
import { UserError } from '../contract/user-error.js';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const run = promisify(execFile);

export class DocsError extends UserError {
  override readonly name = 'DocsError';
}

function redoclyRoot(): string {
  return path.dirname(resolveTool('rendering the docs', () => require.resolve('@redocly/cli/package.json')));
}

const PRELOAD =
  /<link rel="modulepreload" href="(https:\/\/cdn\.redocly\.com\/redoc\/[^"]+\/redoc\.standalone\.js)" integrity="(sha384-[^"]+)"[^>]*\/>/;
const IMPORT = /import \{ hydrate \} from "(https:\/\/cdn\.redocly\.com\/redoc\/[^"]+\/redoc\.standalone\.js)";/;
const EXPORTS = /export\s*\{\s*RedocStandalone\s*,\s*hydrate\s*,\s*init\s*\}\s*;?\s*$/;

/**
 * Redoc's sidebar credits Redocly with a logo fetched from its CDN. The credit stays; the logo becomes a small
 * inline SVG of the name, so the page makes no request at all.
 */
const LOGO = (width: number) =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20"><text x="0" y="15" font-family="sans-serif" font-size="14" font-weight="600" fill="#0044D4">Redocly</text></svg>`,
  ).toString('base64')}`;
const LOGOS: Record<string, string> = {
  'https://cdn.redoc.ly/redoc/logo-mini-full.svg': LOGO(60),
  'https://cdn.redoc.ly/redoc/logo-mini.svg': LOGO(60),
};

/** Replaces the page's CDN reference to Redoc with the bundle itself. */
export function inlineRedoc(html: string, bundle: string): string {
  const preload = PRELOAD.exec(html);
  const imported = IMPORT.exec(html);
  if (!preload || !imported)
    throw new DocsError(
      'the page Redocly rendered does not load Redoc the way this version expects; cannot make it self-contained',
    );
  const digest = `sha384-${createHash('sha384').update(bundle).digest('base64')}`;
  if (digest !== preload[2])
    throw new DocsError(`the Redoc bundle in @redocly/cli (${digest}) is not the one the page names (${preload[2]})`);
  if (!EXPORTS.test(bundle)) throw new DocsError('the Redoc bundle does not end with the exports this version expects');
  // The bundle defines `hydrate` as a module-level constant; with its export statement dropped it can be
  // pasted where the import was. `</script` never occurs in it unescaped (checked below).
  let code = bundle.replace(EXPORTS, '');
  for (const [url, local] of Object.entries(LOGOS)) {
    if (!code.includes(url)) throw new DocsError(`the Redoc bundle no longer loads ${url}; update render-docs.ts`);
    code = code.split(url).join(local);
  }
  if (/<\/script/i.test(code)) throw new DocsError('the Redoc bundle contains "</script" and cannot be inlined');
  return html.replace(preload[0], '').replace(imported[0], () => code);
}

/** Renders the bundled contract (generated/openapi.json, or `api`: another file) to one self-contained HTML page. */
export async function renderDocs(
  root: string,
  api: string = path.join(root, 'generated', 'openapi.json'),
): Promise<string> {
  const out = mkdtempSync(path.join(tmpdir(), 'hwc-docs-'));
  try {
    const file = path.join(out, 'index.html');
    const cli = path.join(redoclyRoot(), 'bin', 'cli.js');
    const redocly = async (command: string, args: string[]) => {
      try {
        await run(process.execPath, [cli, command, ...args, '--config', path.join(root, 'redocly.yaml')], {
          cwd: root,
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
          maxBuffer: 16 * 1024 * 1024,
        });
      } catch (error) {
        const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
        throw new DocsError(
          `redocly ${command} failed: ${stderr.split('\n').slice(-3).join(' ') || (error as Error).message}`,
        );
      }
    };
    // One bundled document (a contract of several files, or at a URL, is bundled first), decorated for reading.
    let bundled = api;
    if (/^https?:\/\//.test(api) || !api.endsWith('.json')) {
      bundled = path.join(out, 'bundled.json');
      await redocly('bundle', [api, '--output', bundled]);
    }
    const decorated = path.join(out, 'openapi.json');
    writeFileSync(decorated, JSON.stringify(decorateForDocs(JSON.parse(readFileSync(bundled, 'utf8')))));
    await redocly('build-docs', [decorated, '--output', file]);
    const bundle = readFileSync(path.join(redoclyRoot(), 'lib', 'chunks', 'redoc.standalone.js'), 'utf8');
    return inlineRedoc(readFileSync(file, 'utf8'), bundle);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
