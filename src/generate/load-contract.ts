// A contract read at run time from any OpenAPI file or URL (`--spec`): bundled, read into the operation table and
// its validators compiled in this process with the generator's own ajv set-up — what `generate` would write to
// generated/, without writing or building anything. `conform --spec` tests a target against it.
import type { Contract, ValidatorFn } from '../contract/bundled.js';
import { bundleSpec } from './bundle.js';
import { GenerateError } from './generate.js';
import { buildModel } from './model.js';
import { operationTable } from './render.js';
import { runtimeValidators } from './validators.js';

export async function loadContract(root: string, spec: string): Promise<Contract> {
  const { document, problems } = await bundleSpec(root, spec);
  if (problems.length > 0) throw new GenerateError(`${spec} does not bundle:\n  ${problems.join('\n  ')}`);
  const model = buildModel(document);
  return {
    document,
    operations: operationTable(model.operations) as unknown as Contract['operations'],
    validators: runtimeValidators(document, model.validators) as Record<string, ValidatorFn>,
  };
}
