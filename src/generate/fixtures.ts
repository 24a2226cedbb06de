// The fixtures format's artefacts, from its one schema (src/contract/fixtures-schema.ts): an ajv standalone
// validator, so that nothing is compiled at run time, and the TypeScript type, by openapi-typescript from a
// document that holds the schema as its only component.
import { _, Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import openapiTS, { astToString } from 'openapi-typescript';
import { FIXTURES_SCHEMA } from '../contract/fixtures-schema.js';

const standaloneCode = standaloneModule.default;
const ID = 'urn:hwc-contract:fixtures';

export function compileFixturesValidator(): string {
  const ajv = new Ajv({
    strict: true,
    allErrors: true,
    code: { source: true, esm: true, lines: true, formats: _`{}` },
  });
  ajv.addSchema({ ...FIXTURES_SCHEMA, $id: ID });
  // ajv's ES module output still loads its runtime helpers with `require`.
  const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  return `${prelude}${standaloneCode(ajv, { validateFixtures: ID })}\n`;
}

export const FIXTURES_VALIDATOR_TYPES = `import type { ErrorObject } from 'ajv';
import type { Fixtures } from './fixtures.js';

/** Checks a value against the fixtures schema; leaves its diagnostics in \`errors\` when it returns false. */
export declare const validateFixtures: ((data: unknown) => data is Fixtures) & { errors?: ErrorObject[] | null };
`;

export async function renderFixturesType(): Promise<string> {
  const document = {
    openapi: '3.1.0',
    info: { title: 'hwc-contract fixtures', version: '1' },
    paths: {},
    components: { schemas: { Fixtures: FIXTURES_SCHEMA } },
  };
  const types = astToString(await openapiTS(document as never, { defaultNonNullable: false, alphabetize: false }));
  return `${types}\n/** The world an emulator starts with, and who may call it. */\nexport type Fixtures = components['schemas']['Fixtures'];\n`;
}
