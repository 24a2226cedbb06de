// Rendered reference docs: Redocly's `build-docs --inlineBundle` over the bundled contract (decorated for the
// reader, decorate.ts), which embeds Redoc's script in the page; what Redoc would still fetch — the logos of its
// credit — is made inline, so the page is one file that loads nothing.
import { resolveTool } from '../contract/optional-tools.js';
import { sampleLanguages } from './code-samples.js';
import { decorateForDocs } from './decorate.js';
import { UserError } from '../contract/user-error.js';
import { execFile } from 'node:child_process';
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

/**
 * Makes the page `build-docs --inlineBundle` wrote (Redoc's script already in it) load nothing at all: the
 * logos become inline images, and a page that would still load a script, a style sheet or a module from
 * elsewhere is refused rather than published.
 */
export function selfContained(html: string): string {
  let page = html;
  for (const [url, local] of Object.entries(LOGOS)) {
    if (!page.includes(url)) throw new DocsError(`the Redoc bundle no longer loads ${url}; update render-docs.ts`);
    page = page.split(url).join(local);
  }
  if (/<(script|link|img)[^>]+(src|href)="https?:/i.test(page) || /from "https?:/.test(page))
    throw new DocsError(
      'the page Redocly rendered still loads something from the network; cannot publish it as self-contained',
    );
  return page;
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
    const redocly = async (command: string, args: string[], config = path.join(root, 'redocly.yaml')) => {
      try {
        await run(process.execPath, [cli, command, ...args, '--config', config], {
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
    const document = decorateForDocs(JSON.parse(readFileSync(bundled, 'utf8')));
    writeFileSync(decorated, JSON.stringify(document));
    // The project's Redocly settings, with a tab for each code sample the document carries.
    const yaml = await import('yaml');
    const config = yaml.parse(readFileSync(path.join(root, 'redocly.yaml'), 'utf8')) as Record<string, unknown>;
    const openapi = (config.openapi ?? {}) as Record<string, unknown>;
    config.openapi = { ...openapi, codeSamples: { languages: sampleLanguages(document) } };
    const docsConfig = path.join(out, 'redocly.yaml');
    writeFileSync(docsConfig, yaml.stringify(config));
    await redocly('build-docs', [decorated, '--output', file, '--inlineBundle'], docsConfig);
    return selfContained(readFileSync(file, 'utf8'));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
