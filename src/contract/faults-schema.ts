// The JSON Schema of the emulator's fault rules (`--faults FILE`, `PUT /__emulator/faults`,
// `startEmulator({ faults })`): the one source of their validator (generated/faults-validator.js, ajv standalone)
// and their type (generated/faults.d.ts), written by `hwc-contract generate`, as the fixtures' are.

/** An object with exactly these properties. */
const strict = (required: string[], properties: Record<string, unknown>, description?: string) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
  ...(description && { description }),
});
const ms = (maximum: number) => ({ type: 'integer', minimum: 0, maximum });
const code = { type: 'string', pattern: '^[A-Za-z]+\\.[0-9]{4}$' };

/** What a rule does to a request it picks: one of these, told apart by `type`. */
const FAULT = {
  type: 'object',
  required: ['type'],
  properties: {
    type: { enum: ['latency', 'throttle', 'error', 'reset', 'truncate', 'hang', 'fail-after-apply'] },
  },
  discriminator: { propertyName: 'type' },
  oneOf: [
    strict(
      ['type', 'ms'],
      { type: { const: 'latency' }, ms: ms(600_000), max_ms: ms(600_000) },
      'Answers late: after `ms`, or after a time drawn between `ms` and `max_ms`.',
    ),
    strict(
      ['type'],
      { type: { const: 'throttle' }, retry_after: ms(3600) },
      "Huawei's throttling: 429 APIGW.0308 with Retry-After (seconds, default 1).",
    ),
    strict(['type', 'code'], { type: { const: 'error' }, code }, 'An error the operation documents, by its code.'),
    strict(['type'], { type: { const: 'reset' } }, 'The connection is reset before any answer.'),
    strict(['type'], { type: { const: 'truncate' } }, 'The change is made; its answer is cut mid-body.'),
    strict(['type'], { type: { const: 'hang' } }, 'No answer at all, until the client gives up.'),
    strict(
      ['type'],
      { type: { const: 'fail-after-apply' }, code },
      "The change is made, then answered with an error (default: the service's 500).",
    ),
  ],
};

const RULE = strict(['fault'], {
  name: { type: 'string', pattern: '^[A-Za-z0-9 _.:-]{1,64}$' },
  /** Which requests: all of these that are given must match. */
  operation: { type: 'string', minLength: 1, maxLength: 128 },
  method: { enum: ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] },
  path: { type: 'string', minLength: 1, maxLength: 1024 },
  project: { type: 'string', minLength: 1, maxLength: 64 },
  /** When: the chance per matching request, the first one it acts on, how many times, and a window of time. */
  probability: { type: 'number', minimum: 0, maximum: 1 },
  nth: { type: 'integer', minimum: 1 },
  count: { type: 'integer', minimum: 1 },
  after_ms: ms(86_400_000),
  for_ms: { type: 'integer', minimum: 1, maximum: 86_400_000 },
  fault: FAULT,
});

export const FAULTS_SCHEMA = strict(['rules'], {
  seed: { type: 'integer', minimum: 0, maximum: 4_294_967_295 },
  rules: { type: 'array', maxItems: 100, items: RULE },
});
