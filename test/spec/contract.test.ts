// The contract against the seed documents: every documented field and constraint, every example, and for
// each constraint a value that breaks it, rejected by the generated validator with an error naming the field.
import { describe, expect, it } from 'vitest';
import * as validators from '../../generated/validators.js';
import {
  bundled,
  namedFields,
  operation,
  property,
  REMOVE,
  resolve,
  schemas,
  withField,
  type Node,
} from '../helpers/contract.js';

const NICS = '/v1/{project_id}/cloudservers/nics/{nic_id}';
const EIPS = '/v3/{project_id}/eip/publicips';

// given: a row of a seed table → want: the same in the bundled spec.
interface FieldRow {
  schema: string;
  field: string;
  type: string;
  required: boolean;
  enum?: unknown[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
}

const SEED_FIELDS: FieldRow[] = [
  // ECS seed, Table 3 (bind) — and the unbind shape from the unbind pages.
  { schema: 'AssociateServerVirtualIpOption', field: 'subnet_id', type: 'string', required: true, format: 'uuid' },
  { schema: 'AssociateServerVirtualIpOption', field: 'ip_address', type: 'string', required: true },
  { schema: 'AssociateServerVirtualIpOption', field: 'reverse_binding', type: 'boolean', required: false },
  { schema: 'DisassociateServerVirtualIpOption', field: 'subnet_id', type: 'string', required: true, enum: [''] },
  { schema: 'DisassociateServerVirtualIpOption', field: 'ip_address', type: 'string', required: true, enum: [''] },
  { schema: 'DisassociateServerVirtualIpOption', field: 'reverse_binding', type: 'boolean', required: false },
  // ECS seed, Table 4.
  { schema: 'ServerVirtualIpResponseBody', field: 'port_id', type: 'string', required: true },
  // EIP seed, Table 3 (EIPAddDict).
  { schema: 'EIPAddDict', field: 'id', type: 'string', required: false, minLength: 36, maxLength: 36, format: 'uuid' },
  { schema: 'EIPAddDict', field: 'ip_version', type: 'integer', required: false, enum: [4, 6], minimum: 4, maximum: 6 },
  { schema: 'EIPAddDict', field: 'alias', type: 'string', required: false, minLength: 0, maxLength: 255 },
  { schema: 'EIPAddDict', field: 'type', type: 'string', required: false, enum: ['EIP', 'DUALSTACK'] },
  { schema: 'EIPAddDict', field: 'publicip_pool_name', type: 'string', required: true },
  {
    schema: 'EIPAddDict',
    field: 'public_ip_address',
    type: 'string',
    required: false,
    minLength: 0,
    maxLength: 64,
    format: 'ipv4',
  },
  { schema: 'EIPAddDict', field: 'public_ipv6_address', type: 'string', required: false },
  { schema: 'EIPAddDict', field: 'description', type: 'string', required: false },
  {
    schema: 'EIPAddDict',
    field: 'enterprise_project_id',
    type: 'string',
    required: false,
    maxLength: 36,
    pattern: '^(0|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
  },
  { schema: 'EIPAddDict', field: 'bandwidth', type: 'object', required: true },
  {
    schema: 'EIPAddDict',
    field: 'associate_instance_type',
    type: 'string',
    required: false,
    enum: ['PORT', 'NATGW', 'ELB', 'ELBV1', 'VPN'],
  },
  {
    schema: 'EIPAddDict',
    field: 'associate_instance_id',
    type: 'string',
    required: false,
    minLength: 0,
    maxLength: 36,
  },
  { schema: 'EIPAddDict', field: 'billing_info', type: 'string', required: false, minLength: 0, maxLength: 1024 },
  { schema: 'EIPAddDict', field: 'cascade_delete_by_instance', type: 'boolean', required: false, default: false },
  { schema: 'EIPAddDict', field: 'associate_mode', type: 'string', required: false, minLength: 1, maxLength: 36 },
  { schema: 'EIPAddDict', field: 'lock_infos', type: 'array', required: false },
  // EIP seed, Table 4 (PublicipBandwidthInfo).
  { schema: 'PublicipBandwidthInfo', field: 'id', type: 'string', required: false },
  { schema: 'PublicipBandwidthInfo', field: 'size', type: 'integer', required: true, minimum: 5, maximum: 2000 },
  { schema: 'PublicipBandwidthInfo', field: 'share_type', type: 'string', required: true, enum: ['PER', 'WHOLE'] },
  {
    schema: 'PublicipBandwidthInfo',
    field: 'charge_mode',
    type: 'string',
    required: false,
    enum: ['bandwidth', 'traffic', '95peak_plus'],
  },
  {
    schema: 'PublicipBandwidthInfo',
    field: 'name',
    type: 'string',
    required: true,
    minLength: 1,
    maxLength: 64,
    pattern: '^[A-Za-z0-9_.-]{1,64}$',
  },
  { schema: 'PublicipBandwidthInfo', field: 'billing_info', type: 'string', required: false },
  // EIP seed, Tables 5–8 (response).
  { schema: 'CreatePublicIpV3ResponseBody', field: 'publicip', type: 'object', required: true },
  { schema: 'CreatePublicIpV3ResponseBody', field: 'request_id', type: 'string', required: true },
  { schema: 'PublicipResp', field: 'ip_version', type: 'integer', required: true, enum: [4, 6] },
  {
    schema: 'PublicipResp',
    field: 'status',
    type: 'string',
    required: true,
    enum: ['FREEZED', 'DOWN', 'ACTIVE', 'ERROR'],
  },
  { schema: 'PublicipResp', field: 'type', type: 'string', required: true, enum: ['EIP', 'DUALSTACK'] },
  { schema: 'PublicipResp', field: 'created_at', type: 'string', required: true, format: 'date-time' },
  { schema: 'PublicipResp', field: 'updated_at', type: 'string', required: true, format: 'date-time' },
  {
    schema: 'PublicipResp',
    field: 'lock_status',
    type: 'string',
    required: false,
    enum: ['POLICE', 'LOCKED', 'ARREAR', 'DELABLE'],
  },
  {
    schema: 'PublicipResp',
    field: 'associate_instance_type',
    type: 'string',
    required: false,
    enum: ['PORT', 'NATGW', 'ELB', 'VPN'],
  },
  { schema: 'PublicipResp', field: 'public_border_group', type: 'string', required: false },
  {
    schema: 'VnicResp',
    field: 'instance_type',
    type: 'string',
    required: false,
    enum: ['PORT', 'PEP_PORT', 'EVPN', 'NATGW', 'P2CVPN'],
  },
  { schema: 'VnicResp', field: 'port_vif_details', type: 'string', required: false },
  { schema: 'BandwidthResp', field: 'size', type: 'integer', required: false },
  { schema: 'BandwidthResp', field: 'share_type', type: 'string', required: false, enum: ['PER', 'WHOLE'] },
];

const CONSTRAINTS = ['enum', 'minLength', 'maxLength', 'minimum', 'maximum', 'pattern', 'format', 'default'] as const;

describe('the seed tables, field by field', () => {
  it.each(SEED_FIELDS)('$schema.$field: $type, required $required', (row) => {
    const prop = property(row.schema, row.field);
    expect(prop.type).toBe(row.type);
    expect(((schemas[row.schema]!.required as string[] | undefined) ?? []).includes(row.field)).toBe(row.required);
    for (const keyword of CONSTRAINTS) expect(prop[keyword], keyword).toEqual(row[keyword]);
    expect(typeof prop.description, 'described in our own words').toBe('string');
  });

  it('describes every property of every component schema', () => {
    for (const [name, schema] of Object.entries(schemas)) {
      for (const [field, prop] of Object.entries((schema.properties as Node | undefined) ?? {})) {
        expect(typeof resolve(prop).description, `${name}.${field}`).toBe('string');
      }
    }
  });

  it('limits the EIP project_id to 32 characters and requires both ECS path parameters', () => {
    const eipParams = ((bundled.paths as Node)[EIPS] as Node).parameters as Node[];
    expect(eipParams.map(resolve)).toEqual([
      expect.objectContaining({
        name: 'project_id',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ maxLength: 32 }),
      }),
    ]);
    const ecsParams = (((bundled.paths as Node)[NICS] as Node).parameters as Node[]).map(resolve);
    expect(ecsParams.map((p) => [p.name, p.in, p.required])).toEqual([
      ['project_id', 'path', true],
      ['nic_id', 'path', true],
    ]);
  });

  it('records the official operation names', () => {
    const put = operation(NICS, 'put');
    expect(put.operationId).toBe('AssociateServerVirtualIp');
    expect((put['x-huawei-operations'] as Node[]).map((entry) => entry.name)).toEqual([
      'AssociateServerVirtualIp',
      'DisassociateServerVirtualIp',
    ]);
    expect(operation(EIPS, 'post').operationId).toBe('CreatePublicIpV3');
  });

  it('names, for each request example, the one official operation (and SDK method) it is', () => {
    for (const [pathKey, method] of [
      [NICS, 'put'],
      [EIPS, 'post'],
    ] as const) {
      const op = operation(pathKey, method);
      const entries = op['x-huawei-operations'] as { name: string; examples?: string[] }[];
      const media = (resolve(op.requestBody).content as Node)['application/json'] as Node;
      const examples = Object.keys(media.examples as Node);
      if (entries.length === 1) continue;
      for (const example of examples)
        expect(entries.filter((e) => e.examples?.includes(example)).map((e) => e.name)).toHaveLength(1);
      for (const entry of entries) for (const example of entry.examples ?? []) expect(examples).toContain(example);
    }
    const ecs = (bundled.tags as Node[]).find((tag) => tag.name === 'ECS')!;
    expect(ecs['x-huawei-sdk']).toEqual({ package: '@huaweicloud/huaweicloud-sdk-ecs', client: 'EcsClient' });
  });

  it('gives each operation its regional endpoint, both security schemes and X-Request-Id on every response', () => {
    expect((operation(NICS, 'put').servers as Node[])[0]).toMatchObject({
      url: 'https://ecs.{region}.myhuaweicloud.com',
      variables: { region: expect.any(Object) },
    });
    expect((operation(EIPS, 'post').servers as Node[])[0]).toMatchObject({
      url: 'https://vpc.{region}.myhuaweicloud.com',
    });
    expect(bundled.security).toEqual([{ token: [] }, { aksk: [] }]);
    const schemes = (bundled.components as Node).securitySchemes as Node;
    expect(schemes.token).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-Auth-Token' });
    expect(schemes.aksk).toMatchObject({ type: 'apiKey', in: 'header', name: 'Authorization' });
    for (const op of [operation(NICS, 'put'), operation(EIPS, 'post')]) {
      for (const response of Object.values(op.responses as Node).map(resolve)) {
        expect(resolve((response.headers as Node)['X-Request-Id'])).toMatchObject({ required: true });
      }
    }
  });

  it('declares Retry-After (delay seconds, optional) on every 429, as the gateway sends it and the client honours it', () => {
    for (const op of [operation(NICS, 'put'), operation(EIPS, 'post')]) {
      const throttled = resolve((op.responses as Node)['429']);
      expect(resolve((throttled.headers as Node)['Retry-After'])).toMatchObject({
        required: false,
        schema: { type: 'integer', minimum: 0 },
      });
    }
  });

  it.each([
    [
      NICS,
      'put',
      ['200', '400', '401', '403', '404', '409', '413', '429', '500'],
      {
        400: 'EcsError',
        401: 'FailedRsp',
        403: 'EcsError',
        404: 'EcsError',
        409: 'EcsError',
        413: 'FailedRsp',
        429: 'FailedRsp',
        500: 'EcsError',
      },
    ],
    [
      EIPS,
      'post',
      ['201', '400', '401', '403', '404', '409', '413', '429', '500'],
      {
        400: 'FailedRsp',
        401: 'FailedRsp',
        403: 'FailedRsp',
        404: 'FailedRsp',
        409: 'FailedRsp',
        413: 'FailedRsp',
        429: 'FailedRsp',
        500: 'FailedRsp',
      },
    ],
  ])('%s %s declares its statuses with the Huawei error shape of its service', (pathKey, method, statuses, shapes) => {
    const responses = operation(pathKey, method).responses as Node;
    expect(Object.keys(responses)).toEqual(statuses);
    for (const [status, shape] of Object.entries(shapes)) {
      const media = (resolve(responses[status]).content as Node)['application/json'] as Node;
      expect((media.schema as Node).$ref, status).toBe(`#/components/schemas/${shape}`);
      expect(Object.keys(media.examples as Node).length, `${status} has examples`).toBeGreaterThan(0);
    }
  });
});

// Every example in the contract, with the validator it must satisfy.
function examplesOf(pathKey: string, method: string) {
  const op = operation(pathKey, method);
  const id = op.operationId as string;
  const found: [string, string, unknown][] = [];
  const body = (resolve(op.requestBody).content as Node)['application/json'] as Node;
  for (const [name, example] of Object.entries(body.examples as Node))
    found.push([`${id} request ${name}`, `validate${id}RequestBody`, resolve(example).value]);
  for (const [status, response] of Object.entries(op.responses as Node)) {
    const media = (resolve(response).content as Node)['application/json'] as Node;
    for (const [name, example] of Object.entries(media.examples as Node))
      found.push([`${id} ${status} ${name}`, `validate${id}Response${status}`, resolve(example).value]);
  }
  return found;
}
const ALL_EXAMPLES = [...examplesOf(NICS, 'put'), ...examplesOf(EIPS, 'post')];
const validatorsByName = validators as unknown as Record<string, ((data: unknown) => boolean) & { errors?: unknown }>;

describe('examples', () => {
  it('includes the seed examples, an unbind example and error examples for each operation', () => {
    const names = ALL_EXAMPLES.map(([name]) => name);
    expect(names).toEqual(
      expect.arrayContaining([
        'AssociateServerVirtualIp request bind',
        'AssociateServerVirtualIp request unbind',
        'AssociateServerVirtualIp 200 bound',
        'CreatePublicIpV3 request dedicatedBandwidth',
        'CreatePublicIpV3 201 created',
      ]),
    );
    expect(
      names.filter((name) => / (4|5)\d\d /.test(name) && name.startsWith('AssociateServerVirtualIp')).length,
    ).toBeGreaterThan(6);
    expect(
      names.filter((name) => / (4|5)\d\d /.test(name) && name.startsWith('CreatePublicIpV3')).length,
    ).toBeGreaterThan(6);
  });

  it.each(ALL_EXAMPLES)('%s validates against its schema', (_name, validatorName, value) => {
    const validate = validatorsByName[validatorName]!;
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('keeps the seed 201 example exactly as documented', () => {
    const created = ALL_EXAMPLES.find(([name]) => name === 'CreatePublicIpV3 201 created')![2] as Node;
    expect(created).toMatchObject({
      publicip: {
        id: '0c464dad-86f3-4953-8bd4-c22bb0eb0bde',
        public_ip_address: '100.64.0.253',
        status: 'ACTIVE',
        bandwidth: { size: 300, charge_mode: 'traffic' },
      },
      request_id: '4a06c169-cc67-4d94-a786-2d70ef09b100',
    });
  });
});

const BIND = {
  nic: { subnet_id: 'd32019d3-bc6e-4319-9c1d-6722fc136a23', ip_address: '192.168.0.7', reverse_binding: true },
};
const UNBIND = { nic: { subnet_id: '', ip_address: '', reverse_binding: false } };
const ASSIGN = {
  publicip: {
    type: 'EIP',
    publicip_pool_name: '5_telcom',
    bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
  },
};

describe('the bind / unbind oneOf', () => {
  it('matches the bind body to the bind shape only and the unbind body to the unbind shape only', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const addFormats = (await import('ajv-formats')).default.default;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    ajv.addSchema({
      $id: 'urn:hwc:c',
      $defs: JSON.parse(JSON.stringify(schemas).replaceAll('#/components/schemas/', 'urn:hwc:c#/$defs/')),
    });
    const bind = ajv.compile({ $ref: 'urn:hwc:c#/$defs/AssociateServerVirtualIpRequestBody' });
    const unbind = ajv.compile({ $ref: 'urn:hwc:c#/$defs/DisassociateServerVirtualIpRequestBody' });
    expect([bind(BIND), unbind(BIND)]).toEqual([true, false]);
    expect([bind(UNBIND), unbind(UNBIND)]).toEqual([false, true]);
    // A half-unbind matches neither.
    const half = withField(UNBIND, 'nic.ip_address', '192.168.0.7');
    expect([bind(half), unbind(half)]).toEqual([false, false]);
  });
});

// given: a valid body, one field broken → want: rejected, and the error names that field.
const VIOLATIONS: [string, string, unknown, unknown, string][] = [
  ['AssociateServerVirtualIpRequestBody', 'nic', BIND, REMOVE, 'nic'],
  ['AssociateServerVirtualIpRequestBody', 'nic.subnet_id', BIND, REMOVE, 'subnet_id'],
  ['AssociateServerVirtualIpRequestBody', 'nic.subnet_id', BIND, 'not-a-uuid', 'subnet_id'],
  ['AssociateServerVirtualIpRequestBody', 'nic.subnet_id', BIND, 42, 'subnet_id'],
  ['AssociateServerVirtualIpRequestBody', 'nic.ip_address', BIND, REMOVE, 'ip_address'],
  ['AssociateServerVirtualIpRequestBody', 'nic.ip_address', BIND, '192.168.0.300', 'ip_address'],
  ['AssociateServerVirtualIpRequestBody', 'nic.reverse_binding', BIND, 'yes', 'reverse_binding'],
  ['AssociateServerVirtualIpRequestBody', 'nic.extra', BIND, 1, 'extra'],
  ['AssociateServerVirtualIpRequestBody', 'nic.subnet_id', UNBIND, 'x', 'subnet_id'],
  ['AssociateServerVirtualIpRequestBody', 'nic.reverse_binding', UNBIND, 0, 'reverse_binding'],
  ['CreatePublicIpV3RequestBody', 'publicip', ASSIGN, REMOVE, 'publicip'],
  ['CreatePublicIpV3RequestBody', 'publicip.publicip_pool_name', ASSIGN, REMOVE, 'publicip_pool_name'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth', ASSIGN, REMOVE, 'bandwidth'],
  ['CreatePublicIpV3RequestBody', 'publicip.id', ASSIGN, '0c464dad-86f3-4953-8bd4-c22bb0eb0bd', 'id'],
  ['CreatePublicIpV3RequestBody', 'publicip.id', ASSIGN, '0c464dad-86f3-4953-8bd4-c22bb0eb0bdeX', 'id'],
  ['CreatePublicIpV3RequestBody', 'publicip.ip_version', ASSIGN, 5, 'ip_version'],
  ['CreatePublicIpV3RequestBody', 'publicip.ip_version', ASSIGN, 7, 'ip_version'],
  ['CreatePublicIpV3RequestBody', 'publicip.ip_version', ASSIGN, '4', 'ip_version'],
  ['CreatePublicIpV3RequestBody', 'publicip.alias', ASSIGN, 'a'.repeat(256), 'alias'],
  ['CreatePublicIpV3RequestBody', 'publicip.type', ASSIGN, 'IPV4', 'type'],
  ['CreatePublicIpV3RequestBody', 'publicip.public_ip_address', ASSIGN, '100.64.0.256', 'public_ip_address'],
  [
    'CreatePublicIpV3RequestBody',
    'publicip.public_ip_address',
    ASSIGN,
    `1.1.1.1${' '.repeat(60)}`,
    'public_ip_address',
  ],
  ['CreatePublicIpV3RequestBody', 'publicip.enterprise_project_id', ASSIGN, 'abc', 'enterprise_project_id'],
  ['CreatePublicIpV3RequestBody', 'publicip.associate_instance_type', ASSIGN, 'ECS', 'associate_instance_type'],
  ['CreatePublicIpV3RequestBody', 'publicip.associate_instance_id', ASSIGN, 'x'.repeat(37), 'associate_instance_id'],
  ['CreatePublicIpV3RequestBody', 'publicip.billing_info', ASSIGN, 'x'.repeat(1025), 'billing_info'],
  ['CreatePublicIpV3RequestBody', 'publicip.cascade_delete_by_instance', ASSIGN, 'false', 'cascade_delete_by_instance'],
  ['CreatePublicIpV3RequestBody', 'publicip.associate_mode', ASSIGN, '', 'associate_mode'],
  ['CreatePublicIpV3RequestBody', 'publicip.associate_mode', ASSIGN, 'x'.repeat(37), 'associate_mode'],
  ['CreatePublicIpV3RequestBody', 'publicip.lock_infos', ASSIGN, [1], '0'],
  ['CreatePublicIpV3RequestBody', 'publicip.unknown_field', ASSIGN, true, 'unknown_field'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.size', ASSIGN, 4, 'size'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.size', ASSIGN, 2001, 'size'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.size', ASSIGN, 10.5, 'size'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.size', ASSIGN, REMOVE, 'size'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.share_type', ASSIGN, 'SHARED', 'share_type'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.share_type', ASSIGN, REMOVE, 'share_type'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.charge_mode', ASSIGN, 'monthly', 'charge_mode'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.name', ASSIGN, REMOVE, 'name'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.name', ASSIGN, '', 'name'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.name', ASSIGN, 'x'.repeat(65), 'name'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.name', ASSIGN, 'band width', 'name'],
  ['CreatePublicIpV3RequestBody', 'publicip.bandwidth.name', ASSIGN, 'bändwidth', 'name'],
];

describe('the generated validators reject each broken constraint, naming the field', () => {
  it.each(VIOLATIONS)('%s: %s = %j', (schema, fieldPath, base, value, field) => {
    const validate = validatorsByName[`validate${schema.replace('RequestBody', '')}RequestBody`]!;
    expect(validate(base), 'the unbroken body is valid').toBe(true);
    const broken = withField(base, fieldPath, value);
    expect(validate(broken)).toBe(false);
    expect(namedFields(validate.errors as never)).toContain(field);
  });

  it('rejects an over-long EIP project_id and a missing nic_id path parameter', () => {
    expect(validators.validateCreatePublicIpV3PathParams({ project_id: 'p'.repeat(33) })).toBe(false);
    expect(namedFields(validators.validateCreatePublicIpV3PathParams.errors)).toContain('project_id');
    expect(validators.validateAssociateServerVirtualIpPathParams({ project_id: 'p' })).toBe(false);
    expect(namedFields(validators.validateAssociateServerVirtualIpPathParams.errors)).toContain('nic_id');
  });

  it.each([
    ['validateAssociateServerVirtualIpResponse200', {}, 'port_id'],
    ['validateAssociateServerVirtualIpResponse400', { error: { code: 'Ecs.0005' } }, 'message'],
    [
      'validateAssociateServerVirtualIpResponse400',
      { error_code: 'Ecs.0005', error_msg: 'x', request_id: 'r' },
      'error',
    ],
    ['validateAssociateServerVirtualIpResponse400', { error: { code: 'bad code', message: 'x' } }, 'code'],
    ['validateCreatePublicIpV3Response400', { error: { code: 'VPC.0501', message: 'x' } }, 'error_code'],
    ['validateCreatePublicIpV3Response201', { publicip: { id: 'x' }, request_id: 'r' }, 'status'],
    ['validateAssociateServerVirtualIpResponse200Headers', {}, 'x-request-id'],
  ])('%s rejects %j, naming %s', (name, value, field) => {
    const validate = validatorsByName[name]!;
    expect(validate(value)).toBe(false);
    expect(namedFields(validate.errors as never)).toContain(field);
  });
});
