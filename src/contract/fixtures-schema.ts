// The JSON Schema of the fixtures format: the one source of both its validator (generated/fixtures-validator.js,
// ajv standalone) and its type (generated/fixtures.d.ts), written by `hwc-contract generate`.

const id = { type: 'string', minLength: 1, maxLength: 64 };
const named = { type: 'string', maxLength: 64 };
const text = { type: 'string' };
/** An object with exactly these properties. */
const strict = (required: string[], properties: Record<string, unknown>) => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
/** An array of such objects. */
const listOf = (required: string[], properties: Record<string, unknown>) => ({
  type: 'array',
  items: strict(required, properties),
});

export const FIXTURES_SCHEMA = strict(['projects', 'pools'], {
  projects: listOf(['id'], {
    id: { type: 'string', minLength: 1, maxLength: 32 },
    quota: { type: 'object', additionalProperties: false, properties: { eips: { type: 'integer', minimum: 0 } } },
    vpcs: listOf(['id'], {
      id,
      name: named,
      subnets: listOf(['id', 'cidr', 'gateway_ip'], { id, name: named, cidr: text, gateway_ip: text }),
    }),
    servers: listOf(['id'], {
      id,
      name: named,
      availability_zone: named,
      nics: listOf(['port_id', 'subnet_id', 'ip_address', 'mac_address'], {
        port_id: id,
        subnet_id: id,
        ip_address: text,
        mac_address: { type: 'string', pattern: '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$' },
      }),
    }),
    bandwidths: listOf(['id', 'size'], {
      id,
      name: named,
      size: { type: 'integer', minimum: 1 },
      charge_mode: { enum: ['bandwidth', 'traffic', '95peak_plus'] },
    }),
  }),
  pools: listOf(['name', 'id'], {
    name: { type: 'string', minLength: 1, maxLength: 64 },
    id,
    ipv4: { type: 'array', items: text },
    ipv6: { type: 'array', items: text },
  }),
  credentials: listOf(['ak', 'sk'], {
    ak: { type: 'string', minLength: 1 },
    sk: { type: 'string', minLength: 1 },
    project_id: text,
    admin: { type: 'boolean' },
  }),
  tokens: listOf(['token'], { token: { type: 'string', minLength: 1 }, project_id: text, admin: { type: 'boolean' } }),
});
