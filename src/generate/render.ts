// Renders the TypeScript side of generated/: the validators' declarations and the operation table.
import type { OperationSpec, ValidatorSpec } from './model.js';

export function renderValidatorTypes(validators: ValidatorSpec[]): string {
  const lines = [
    "import type { ErrorObject } from 'ajv';",
    "import type { operations } from './schema.js';",
    '',
    '/** An ajv validator: a type guard that leaves its diagnostics in `errors` when it returns false. */',
    'export interface Validator<T> {',
    '  (data: unknown): data is T;',
    '  errors?: ErrorObject[] | null;',
    '}',
    '',
    ...validators.map((validator) => `export declare const ${validator.name}: Validator<${validator.tsType}>;`),
    '',
  ];
  return lines.join('\n');
}

/** `/v1/{project_id}/x` → `^/v1/(?<project_id>[^/]+)/x$` */
export function pathPattern(path: string): string {
  const escaped = path
    .split(/(\{[^}]+\})/)
    .map((part) =>
      part.startsWith('{') ? `(?<${part.slice(1, -1)}>[^/]+)` : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return `^${escaped}$`;
}

/** The operation table as data: what generated/operations.ts exports as `operations`. */
export function operationTable(operations: OperationSpec[]) {
  return operations.map((operation) => ({
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    pathPattern: pathPattern(operation.path),
    tags: operation.tags,
    summary: operation.summary,
    servers: operation.servers,
    security: operation.security,
    huaweiOperations: operation.huaweiOperations,
    parameters: operation.parameters,
    parameterValidators: operation.parameterValidators,
    requestBody: operation.requestBody,
    responses: Object.fromEntries(operation.responses.map(({ status, ...response }) => [status, response])),
  }));
}

export function renderOperations(operations: OperationSpec[]): string {
  const table = operationTable(operations);
  return [
    '/** One operation of the contract, as data. Validator names refer to exports of ./validators.js. */',
    'export interface OperationDefinition {',
    '  readonly operationId: string;',
    "  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'OPTIONS' | 'HEAD' | 'PATCH' | 'TRACE';",
    '  readonly path: string;',
    '  /** A regular expression matching the path, with one named group per path parameter. */',
    '  readonly pathPattern: string;',
    '  readonly tags: readonly string[];',
    '  readonly summary: string;',
    '  readonly servers: readonly string[];',
    '  /** Alternative security requirements: each entry lists scheme names that must all be satisfied. */',
    '  readonly security: readonly (readonly string[])[];',
    "  /** Huawei's own names for what this operation does (one URI may serve several). */",
    '  readonly huaweiOperations: readonly string[];',
    '  /** Each parameter with its schema (a top-level reference followed): query and header values are coerced by its type. */',
    "  readonly parameters: readonly { readonly name: string; readonly in: 'path' | 'query' | 'header' | 'cookie'; readonly required: boolean; readonly schema: { readonly [keyword: string]: unknown } }[];",
    '  readonly parameterValidators: { readonly path?: string; readonly query?: string; readonly header?: string; readonly cookie?: string };',
    '  readonly requestBody: { readonly required: boolean; readonly mediaType: string; readonly validator: string; readonly examples: readonly string[] } | null;',
    '  readonly responses: {',
    '    readonly [status: string]: {',
    '      readonly description: string;',
    '      readonly mediaType: string | null;',
    '      /** The component schema of the body, when it is a reference (e.g. `EcsError`, `FailedRsp`). */',
    '      readonly schemaName: string | null;',
    '      readonly validator: string | null;',
    '      readonly headersValidator: string | null;',
    '      /** Response header names, lower-cased. */',
    '      readonly headers: readonly string[];',
    '      readonly examples: readonly string[];',
    '    };',
    '  };',
    '}',
    '',
    `export const operations = ${JSON.stringify(table, null, 2)} as const satisfies readonly OperationDefinition[];`,
    '',
    "export type OperationId = (typeof operations)[number]['operationId'];",
    '',
    'export const operationsById: Readonly<Record<OperationId, OperationDefinition>> = Object.fromEntries(',
    '  operations.map((operation) => [operation.operationId, operation]),',
    ') as unknown as Record<OperationId, OperationDefinition>;',
    '',
  ].join('\n');
}
