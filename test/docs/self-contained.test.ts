// The last step of rendering: the page `build-docs --inlineBundle` wrote is made to load nothing, or refused.
import { describe, expect, it } from 'vitest';
import { DocsError, selfContained } from '../../src/docs/render-docs.js';

const LOGOS = '"https://cdn.redoc.ly/redoc/logo-mini-full.svg" "https://cdn.redoc.ly/redoc/logo-mini.svg"';

describe('selfContained', () => {
  it("makes Redoc's credit logos inline images", () => {
    const page = selfContained(`<html><script>const logos = [${LOGOS}];</script></html>`);
    expect(page).not.toContain('https://cdn.redoc.ly');
    expect(page.match(/data:image\/svg\+xml;base64,/g)).toHaveLength(2);
  });

  it('refuses a page that still loads a script or a module from elsewhere', () => {
    for (const leak of [
      '<script src="https://cdn.example/redoc.js"></script>',
      'import { hydrate } from "https://cdn.example/r.js";',
    ])
      expect(() => selfContained(`<html>${leak}<script>${LOGOS}</script></html>`)).toThrow(DocsError);
  });

  it('refuses a Redoc that no longer loads the logos it replaces (the page would change unseen)', () => {
    expect(() => selfContained('<html><script></script></html>')).toThrow(/no longer loads https:\/\/cdn\.redoc\.ly/);
  });
});
