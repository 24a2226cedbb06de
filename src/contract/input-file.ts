// The emulator's input files — fixtures and fault rules, YAML or JSON — read and their schema errors said the
// same way: one line that names the file and the place of each problem.
import type { ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import type { UserError } from './user-error.js';

/** Reads a YAML or JSON file as data; a file that cannot be read or parsed throws `error` naming it. */
export async function readInputFile(
  file: string,
  what: string,
  error: new (message: string) => UserError,
): Promise<unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new error(`cannot read ${what} file ${file}: ${(cause as Error).message}`);
  }
  try {
    return (await import('yaml')).parse(text);
  } catch (cause) {
    throw new error(`${what} file ${file} is not valid YAML or JSON: ${(cause as Error).message.split('\n')[0]}`);
  }
}

/**
 * A schema validator's diagnostics as one line that names each place: `pools[0].ipv4: must be array;
 * projects[1]: must NOT have additional properties (quota_eips)` (the first five). For the emulator's input
 * formats: the fixtures and the fault rules.
 */
export function describeInputErrors(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => {
      const where =
        e.instancePath
          .replace(/\/(\d+)/g, '[$1]')
          .replace(/\//g, '.')
          .replace(/^\./, '') || '(top level)';
      const params = e.params as { additionalProperty?: string; missingProperty?: string; allowedValues?: unknown[] };
      const extra = params.additionalProperty ?? params.missingProperty ?? params.allowedValues?.join(', ');
      return `${where}: ${e.message}${extra ? ` (${extra})` : ''}`;
    })
    .join('; ');
}
