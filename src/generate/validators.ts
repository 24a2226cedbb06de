// Compiles every validator of the model into one ajv standalone ES module, so nothing is compiled at run time.
// OpenAPI 3.1 schemas are JSON Schema 2020-12: https://spec.openapis.org/oas/v3.1.0#schema-object
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import { _, type ValidateFunction } from 'ajv';
import type { OpenApiDocument } from './bundle.js';
import type { ValidatorSpec } from './model.js';
import type { Json, JsonObject } from './walk.js';

const addFormats = addFormatsModule.default;
const standaloneCode = standaloneModule.default;
const DEFINITIONS_ID = 'urn:hwc-contract:components';
const COMPONENT_SCHEMA_REF = '#/components/schemas/';

/** Rewrites `#/components/schemas/X` references to the shared definitions schema. */
function rewriteRefs(node: Json): Json {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_SCHEMA_REF)
        ? `${DEFINITIONS_ID}#/$defs/${value.slice(COMPONENT_SCHEMA_REF.length)}`
        : rewriteRefs(value);
  }
  return out;
}

/** OpenAPI-only annotations and `x-` extensions are declared as keywords so that ajv's strict mode stays on. */
function annotationKeywords(
  node: Json,
  found = new Set<string>(['example', 'discriminator', 'xml', 'externalDocs']),
): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) annotationKeywords(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      annotationKeywords(value, found);
    }
  }
  return found;
}

/** Whether any of `keys` is a key anywhere in the schemas. */
function usesKey(node: Json, keys: readonly string[]): boolean {
  if (Array.isArray(node)) return node.some((item) => usesKey(item, keys));
  if (node === null || typeof node !== 'object') return false;
  return Object.entries(node).some(([key, value]) => keys.includes(key) || usesKey(value, keys));
}

/**
 * What of 2020-12 the validators must track, beyond the rest of the dialect. Ajv2020 always tracks which
 * properties and items each subschema evaluated (for `unevaluatedProperties`/`Items`) and passes dynamic anchors
 * down every call (for `$dynamicRef`), which makes each `anyOf` try every branch after one has matched and every
 * call allocate; a contract that uses neither keyword needs neither (the validators then run 2–3× faster).
 */
function trackingOptions(schemas: Json): { unevaluated: boolean; dynamicRef: boolean } {
  return {
    unevaluated: usesKey(schemas, ['unevaluatedProperties', 'unevaluatedItems']),
    dynamicRef: usesKey(schemas, ['$dynamicRef', '$dynamicAnchor']),
  };
}

/**
 * The one ajv set-up of the contract's validators — strict, all errors, full formats — with every validator
 * added under its own ID: compiled to standalone code by `generate`, or at run time for `conform --spec`.
 */
function contractAjv(
  document: OpenApiDocument,
  validators: ValidatorSpec[],
  standalone: boolean,
): { ajv: Ajv2020; ids: Record<string, string> } {
  const schemas = (document.components?.schemas ?? {}) as JsonObject;
  const ajv = new Ajv2020({
    strict: true,
    allErrors: true,
    ...(standalone && {
      code: { source: true, esm: true, lines: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
    }),
  });
  // Ajv2020's constructor turns both on whatever it is given; they are ajv options, read when code is generated.
  Object.assign(ajv.opts, trackingOptions([schemas, ...validators.map((v) => v.schema)] as Json));
  addFormats(ajv);
  ajv.addVocabulary([...annotationKeywords([schemas, ...validators.map((v) => v.schema)] as Json)].sort());
  ajv.addSchema({ $id: DEFINITIONS_ID, $defs: rewriteRefs(schemas) } as JsonObject);
  const ids: Record<string, string> = {};
  for (const validator of validators) {
    const id = `urn:hwc-contract:validator:${validator.name}`;
    ajv.addSchema({ ...(rewriteRefs(validator.schema) as JsonObject), $id: id });
    ids[validator.name] = id;
  }
  return { ajv, ids };
}

/** The validators compiled in this process, by name (what generated/validators.js exports, without a file). */
export function runtimeValidators(
  document: OpenApiDocument,
  validators: ValidatorSpec[],
): Record<string, ValidateFunction> {
  const { ajv, ids } = contractAjv(document, validators, false);
  return Object.fromEntries(Object.entries(ids).map(([name, id]) => [name, ajv.getSchema(id)!]));
}

export function compileValidators(document: OpenApiDocument, validators: ValidatorSpec[]): string {
  const { ajv, ids: names } = contractAjv(document, validators, true);
  // ajv's ES module output still loads its runtime helpers and the formats with `require`.
  const prelude = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n";
  return prelude + standaloneCode(ajv, names);
}
