// The generated files `npm run build` copies into dist/generated/ (the built package imports them there), and
// whether those copies are still what generated/ holds. After `hwc-contract generate` in a source checkout the
// copies are refreshed by a build; a CLI run from a checkout whose copies are out of step refuses to start rather
// than serve the new contract with the old validators.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const BUILT_COPIES = [
  'validators.js',
  'validators.d.ts',
  'schema.d.ts',
  'openapi.json',
  'fixtures.d.ts',
  'fixtures-validator.js',
  'fixtures-validator.d.ts',
  'faults.d.ts',
  'faults-validator.js',
  'faults-validator.d.ts',
] as const;

/** A source checkout (spec/ with src/ and the build config), as opposed to an installed package. */
export const isSourceCheckout = (root: string): boolean =>
  existsSync(path.join(root, 'src')) && existsSync(path.join(root, 'tsconfig.build.json'));

/** The copies in dist/generated/ that differ from generated/ (none when there is no build). */
export function staleBuiltCopies(root: string): string[] {
  if (!existsSync(path.join(root, 'dist', 'generated'))) return [];
  const read = (file: string) => {
    try {
      return readFileSync(file);
    } catch {
      return undefined;
    }
  };
  return BUILT_COPIES.filter((file) => {
    const source = read(path.join(root, 'generated', file));
    const copy = read(path.join(root, 'dist', 'generated', file));
    return source === undefined || copy === undefined || !source.equals(copy);
  }).map((file) => `dist/generated/${file}`);
}
