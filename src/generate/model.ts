// Reads the bundled document into a flat model: one entry per operation with its parameter sets, request
// body and responses, each carrying the JSON Schema a validator is compiled from.
import type { OpenApiDocument } from './bundle.js';
import { deref, operationsOf, refName, type Json, type JsonObject } from './walk.js';

export const JSON_MEDIA_TYPE = 'application/json';
const PARAMETER_LOCATIONS = ['path', 'query', 'header', 'cookie'] as const;
export type ParameterLocation = (typeof PARAMETER_LOCATIONS)[number];

export interface ValidatorSpec {
  /** Exported name in generated/validators.js. */
  name: string;
  schema: JsonObject;
  /** TypeScript type (against generated/schema.d.ts) of what the validator accepts. */
  tsType: string;
}

export interface ParameterSpec {
  name: string;
  in: ParameterLocation;
  required: boolean;
  /** The parameter's schema (its top-level reference followed): what its string value is coerced to and checked by. */
  schema: JsonObject;
}

export interface ResponseSpec {
  status: string;
  description: string;
  mediaType: string | null;
  /** Component name of the body schema when it is a `$ref`, e.g. `EcsError`. */
  schemaName: string | null;
  validator: string | null;
  headersValidator: string | null;
  headers: string[];
  examples: string[];
}

export interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  tags: string[];
  summary: string;
  servers: string[];
  security: string[][];
  parameters: ParameterSpec[];
  parameterValidators: Partial<Record<ParameterLocation, string>>;
  requestBody: { required: boolean; mediaType: string; validator: string; examples: string[] } | null;
  responses: ResponseSpec[];
  huaweiOperations: string[];
}

export interface ContractModel {
  operations: OperationSpec[];
  validators: ValidatorSpec[];
}

const pascal = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function buildModel(document: OpenApiDocument): ContractModel {
  const validators: ValidatorSpec[] = [];
  const operations: OperationSpec[] = [];
  const globalSecurity = (document.security as Json[] | undefined) ?? [];

  for (const { path, method, operation, pathItem } of operationsOf(document)) {
    const operationId = operation.operationId;
    if (typeof operationId !== 'string') throw new Error(`${method.toUpperCase()} ${path} has no operationId`);

    const { parameters, parameterValidators } = parametersOf(document, pathItem, operation, operationId, validators);
    const requestBody = requestBodyOf(document, operation, operationId, validators);
    const responses = responsesOf(document, operation, operationId, validators);

    const security = ((operation.security as Json[] | undefined) ?? globalSecurity).map((requirement) =>
      Object.keys(requirement as JsonObject),
    );
    const servers = (
      (operation.servers as Json[] | undefined) ??
      (pathItem.servers as Json[] | undefined) ??
      (document.servers as Json[] | undefined) ??
      []
    ).map((server) => String((server as JsonObject).url));
    operations.push({
      operationId,
      method: method.toUpperCase(),
      path,
      tags: ((operation.tags as string[] | undefined) ?? []).slice(),
      summary: String(operation.summary ?? ''),
      servers,
      security,
      parameters,
      parameterValidators,
      requestBody,
      responses,
      huaweiOperations: ((operation['x-huawei-operations'] as JsonObject[] | undefined) ?? []).map((entry) =>
        String(entry.name),
      ),
    });
  }
  return { operations, validators };
}

/** The parameters by location, and one validator per location (path-level ones overridden by the operation's). */
function parametersOf(
  document: OpenApiDocument,
  pathItem: JsonObject,
  operation: JsonObject,
  operationId: string,
  validators: ValidatorSpec[],
): Pick<OperationSpec, 'parameters' | 'parameterValidators'> {
  const ops = `operations['${operationId}']`;
  // Parameters: path-level ones, overridden by operation-level ones of the same name and location.
  const merged = new Map<string, JsonObject>();
  for (const raw of [...((pathItem.parameters as Json[]) ?? []), ...((operation.parameters as Json[]) ?? [])]) {
    const parameter = deref(document, raw);
    merged.set(`${String(parameter.in)}:${String(parameter.name)}`, parameter);
  }
  const parameters: ParameterSpec[] = [];
  const parameterValidators: OperationSpec['parameterValidators'] = {};
  for (const location of PARAMETER_LOCATIONS) {
    const inLocation = [...merged.values()].filter((parameter) => parameter.in === location);
    if (inLocation.length === 0) continue;
    // Header names are case-insensitive: validators expect them lower-cased, as Node delivers them.
    const key = (parameter: JsonObject) =>
      location === 'header' ? String(parameter.name).toLowerCase() : String(parameter.name);
    const properties: JsonObject = {};
    const required: string[] = [];
    for (const parameter of inLocation) {
      properties[key(parameter)] = (parameter.schema as JsonObject) ?? {};
      if (parameter.required === true) required.push(key(parameter));
      parameters.push({
        name: String(parameter.name),
        in: location,
        required: parameter.required === true,
        schema: deref(document, parameter.schema ?? {}),
      });
    }
    const name = `validate${operationId}${pascal(location)}Params`;
    validators.push({
      name,
      schema: { type: 'object', properties, required, additionalProperties: location !== 'path' },
      tsType: `${ops}['parameters']['${location}']`,
    });
    parameterValidators[location] = name;
  }
  return { parameters, parameterValidators };
}

/** The JSON request body, with its validator. */
function requestBodyOf(
  document: OpenApiDocument,
  operation: JsonObject,
  operationId: string,
  validators: ValidatorSpec[],
): OperationSpec['requestBody'] {
  const ops = `operations['${operationId}']`;
  let requestBody: OperationSpec['requestBody'] = null;
  if (operation.requestBody) {
    const body = deref(document, operation.requestBody);
    const content = body.content as JsonObject;
    const mediaTypes = Object.keys(content);
    if (mediaTypes.length !== 1 || mediaTypes[0] !== JSON_MEDIA_TYPE) {
      throw new Error(
        `${operationId}: only an ${JSON_MEDIA_TYPE} request body is supported, got ${mediaTypes.join(', ')}`,
      );
    }
    const media = content[JSON_MEDIA_TYPE] as JsonObject;
    const name = `validate${operationId}RequestBody`;
    const bodyType = body.required === true ? `${ops}['requestBody']` : `NonNullable<${ops}['requestBody']>`;
    validators.push({
      name,
      schema: media.schema as JsonObject,
      tsType: `${bodyType}['content']['${JSON_MEDIA_TYPE}']`,
    });
    requestBody = {
      required: body.required === true,
      mediaType: JSON_MEDIA_TYPE,
      validator: name,
      examples: Object.keys((media.examples as JsonObject) ?? {}),
    };
  }
  return requestBody;
}

/** The documented responses, with a validator for each body and each set of headers. */
function responsesOf(
  document: OpenApiDocument,
  operation: JsonObject,
  operationId: string,
  validators: ValidatorSpec[],
): ResponseSpec[] {
  const ops = `operations['${operationId}']`;
  const responses: ResponseSpec[] = [];
  for (const [status, raw] of Object.entries(operation.responses as JsonObject)) {
    const response = deref(document, raw);
    const content = (response.content as JsonObject | undefined) ?? {};
    const mediaTypes = Object.keys(content);
    if (mediaTypes.length > 1 || (mediaTypes.length === 1 && mediaTypes[0] !== JSON_MEDIA_TYPE)) {
      throw new Error(`${operationId} ${status}: only ${JSON_MEDIA_TYPE} responses are supported`);
    }
    const media = content[JSON_MEDIA_TYPE] as JsonObject | undefined;
    const statusType = /^\d+$/.test(status) ? status : `'${status}'`;
    let validator: string | null = null;
    if (media?.schema) {
      validator = `validate${operationId}Response${pascal(status)}`;
      validators.push({
        name: validator,
        schema: media.schema as JsonObject,
        tsType: `${ops}['responses'][${statusType}]['content']['${JSON_MEDIA_TYPE}']`,
      });
    }
    const headers = Object.entries((response.headers as JsonObject | undefined) ?? {}).map(([header, rawHeader]) => ({
      name: header.toLowerCase(),
      header: deref(document, rawHeader),
    }));
    let headersValidator: string | null = null;
    if (headers.length > 0) {
      headersValidator = `validate${operationId}Response${pascal(status)}Headers`;
      validators.push({
        name: headersValidator,
        schema: {
          type: 'object',
          properties: Object.fromEntries(
            headers.map(({ name, header }) => [name, (header.schema as JsonObject) ?? {}]),
          ),
          required: headers.filter(({ header }) => header.required === true).map(({ name }) => name),
        },
        tsType: `Record<string, string | string[] | undefined>`,
      });
    }
    responses.push({
      status,
      description: String(response.description ?? ''),
      mediaType: media ? JSON_MEDIA_TYPE : null,
      schemaName: media ? (refName(media.schema) ?? null) : null,
      validator,
      headersValidator,
      headers: headers.map(({ name }) => name),
      examples: Object.keys((media?.examples as JsonObject | undefined) ?? {}),
    });
  }
  return responses;
}
