// The artefacts of the emulator's input formats — the fixtures (src/contract/fixtures-schema.ts) and the fault
// rules (src/contract/faults-schema.ts) — each from its one schema: an ajv standalone validator, so that nothing
// is compiled at run time, and the TypeScript type, by openapi-typescript from a document that holds the schema
// as its only component.
import { _, Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import openapiTS, { astToString } from 'openapi-typescript';
import { FAULTS_SCHEMA } from '../contract/faults-schema.js';
import { FIXTURES_SCHEMA } from '../contract/fixtures-schema.js';

const standaloneCode = standaloneModule.default;

/** One input format: its schema, its file stem in generated/, its type and validator names. */
export interface InputFormat {
  schema: Record<string, unknown>;
  /** `fixtures` → generated/fixtures.d.ts, generated/fixtures-validator.js. */
  stem: string;
  typeName: string;
  validatorName: string;
  /** Where the schema is written, for the generated files' header. */
  source: string;
  /** What the type is, for its doc comment. */
  what: string;
}

export const INPUT_FORMATS: readonly InputFormat[] = [
  {
    schema: FIXTURES_SCHEMA,
    stem: 'fixtures',
    typeName: 'Fixtures',
    validatorName: 'validateFixtures',
    source: 'src/contract/fixtures-schema.ts',
    what: 'The world an emulator starts with, and who may call it.',
  },
  {
    schema: FAULTS_SCHEMA,
    stem: 'faults',
    typeName: 'Faults',
    validatorName: 'validateFaults',
    source: 'src/contract/faults-schema.ts',
    what: 'The faults an emulator injects: rules that pick requests, and what they do to them.',
  },
];

export function compileInputValidator(format: InputFormat): string {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    discriminator: true,
    code: { source: true, esm: true, lines: true, formats: _`{}` },
  });
  const id = `urn:hwc-contract:${format.stem}`;
  ajv.addSchema({ ...format.schema, $id: id });
  // ajv's ES module output still loads its runtime helpers with `require`.
  const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  return `${prelude}${standaloneCode(ajv, { [format.validatorName]: id })}\n`;
}

export const inputValidatorTypes = (format: InputFormat) => `import type { ErrorObject } from 'ajv';
import type { ${format.typeName} } from './${format.stem}.js';

/** Checks a value against the ${format.stem} schema; leaves its diagnostics in \`errors\` when it returns false. */
export declare const ${format.validatorName}: ((data: unknown) => data is ${format.typeName}) & { errors?: ErrorObject[] | null };
`;

export async function renderInputType(format: InputFormat): Promise<string> {
  const document = {
    openapi: '3.1.0',
    info: { title: `hwc-contract ${format.stem}`, version: '1' },
    paths: {},
    components: { schemas: { [format.typeName]: format.schema } },
  };
  const types = astToString(await openapiTS(document as never, { defaultNonNullable: false, alphabetize: false }));
  return `${types}\n/** ${format.what} */\nexport type ${format.typeName} = components['schemas']['${format.typeName}'];\n`;
}
