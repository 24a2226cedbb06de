// `hwc-contract docs [--out DIR]`: the rendered reference docs of the bundled contract, one self-contained
// HTML file (DIR/index.html, dist/docs/ by default) that needs no network to view. The same page is what the
// emulator serves at /docs.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXIT_OK, UserError } from '../../contract/user-error.js';
import { renderDocs } from '../../docs/render-docs.js';
import { specRef } from '../../contract/spec-ref.js';
import type { Output } from '../output.js';

export async function docsCommand(root: string, options: { out: string; spec?: string }, out: Output): Promise<number> {
  const started = performance.now();
  const html = await renderDocs(root, options.spec === undefined ? undefined : specRef(root, options.spec));
  const dir = path.resolve(options.out);
  const file = path.join(dir, 'index.html');
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, html);
  } catch (error) {
    throw new UserError(`cannot write ${file}: ${(error as Error).message}`);
  }
  out.info(
    `docs: wrote ${path.relative(process.cwd(), file) || file} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB, self-contained) in ${(performance.now() - started).toFixed(0)} ms`,
  );
  return EXIT_OK;
}
