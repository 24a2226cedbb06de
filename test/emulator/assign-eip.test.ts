// The assign-EIP handler, called directly: one row per rule, each documented error included. States are
// frozen, so a handler that changed its input instead of returning events would throw.
import { describe, expect, it } from 'vitest';
import * as validators from '../../generated/validators.js';
import type { HandlerContext, Outcome } from '../../src/emulator/context.js';
import { errorBody } from '../../src/contract/error-body.js';
import { errorStatus, type ErrorCode } from '../../src/contract/error-registry.js';
import { DEMO } from '../../src/contract/default-fixtures.js';
import { assignEip, type CreatePublicIpBody } from '../../src/emulator/handlers/assign-eip.js';
import { applyEvents, type Publicip, type State } from '../../src/emulator/state.js';
import { context, deepFreeze, fixturesWith, frozenState, principal } from './helpers.js';

const P = DEMO.project;
const NIC2 = 'b01795fc-a246-4e4c-b770-0e4d58101592';
const SHARED = '3fa2c1b8-9d4e-4f5a-8b6c-7d8e9f0a1b2c';
type Option = CreatePublicIpBody['publicip'];
/** The seed's request example, with changes. */
const seed = (changes: Partial<Option> = {}, bandwidth: Partial<Option['bandwidth']> = {}): CreatePublicIpBody => ({
  publicip: {
    type: 'EIP',
    publicip_pool_name: '5_telcom',
    ...changes,
    bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556', ...bandwidth },
  },
});

function run(state: State, body: CreatePublicIpBody, options: { projectId?: string; ctx?: HandlerContext } = {}) {
  const outcome = assignEip(state, { projectId: options.projectId ?? P, body }, options.ctx ?? context());
  const next = 'events' in outcome ? deepFreeze(applyEvents(structuredClone(state) as State, outcome.events)) : state;
  return { outcome, next, eip: 'body' in outcome ? (outcome.body as { publicip: Publicip }).publicip : undefined };
}

function expectError(outcome: Outcome, code: ErrorCode, status: number, mentions: string) {
  expect(outcome).toMatchObject({ error: { code } });
  if (!('error' in outcome)) return;
  expect(errorStatus(outcome.error)).toBe(status);
  const body = errorBody(outcome.error, 'r') as { error_code: string; error_msg: string; request_id: string };
  expect(body).toMatchObject({ error_code: code, request_id: 'r' });
  expect(body.error_msg).toContain(mentions);
  const validate = (validators as unknown as Record<string, (d: unknown) => boolean>)[
    `validateCreatePublicIpV3Response${status}`
  ]!;
  expect(validate(body)).toBe(true);
}

/** Runs `times` assigns one after the other, threading the state. */
function repeat(state: State, body: CreatePublicIpBody, times: number): State {
  let current = state;
  for (let i = 0; i < times; i += 1) {
    const { outcome, next } = run(current, body);
    expect(outcome).toMatchObject({ status: 201 });
    current = next;
  }
  return current;
}

describe('assign an EIP (CreatePublicIpV3)', () => {
  it('the seed example: 201 with the full publicip object and request_id, the next free address of 5_telcom, a new dedicated bandwidth', () => {
    const { outcome, eip, next } = run(frozenState(), seed());
    expect(outcome).toMatchObject({ status: 201, body: { request_id: 'f'.repeat(32) } });
    expect(validators.validateCreatePublicIpV3Response201((outcome as { body: unknown }).body)).toBe(true);
    expect(eip).toMatchObject({
      project_id: P,
      ip_version: 4,
      type: 'EIP',
      public_ip_address: '100.64.0.1',
      status: 'DOWN',
      vnic: null,
      publicip_pool_name: '5_telcom',
      publicip_pool_id: 'c0a80001-0000-4000-8000-00000000b9c0',
      created_at: '2026-11-23T10:07:24Z',
      bandwidth: { size: 300, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
    });
    expect(eip!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(next.pools['5_telcom']!.allocated.get('100.64.0.1')).toBe(eip!.id);
    expect(next.projects[P]!.eips.get(eip!.id)).toEqual(eip);
    // A dedicated bandwidth is part of its EIP, not a shared bandwidth of the project.
    expect(next.projects[P]!.bandwidths[eip!.bandwidth.id!]).toBeUndefined();
  });

  it('the frozen states these rows run on refuse changes to their Maps too', () => {
    const state = frozenState();
    expect(() => state.pools['5_telcom']!.allocated.set('100.64.0.9', 'x')).toThrow(/frozen/);
    expect(() => state.projects[P]!.eips.delete('x')).toThrow(/frozen/);
  });

  it('hands out the next free address each time, never one twice', () => {
    let state = frozenState();
    const seen = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      const { eip, next } = run(state, seed());
      expect(seen.has(eip!.public_ip_address!)).toBe(false);
      seen.add(eip!.public_ip_address!);
      state = next;
    }
    expect([...seen].slice(0, 3)).toEqual(['100.64.0.1', '100.64.0.2', '100.64.0.3']);
  });

  it('a requested public_ip_address inside the pool is handed out', () => {
    const { eip } = run(frozenState(), seed({ public_ip_address: '100.64.0.253' }));
    expect(eip!.public_ip_address).toBe('100.64.0.253');
  });

  it('ip_version 6 (or type DUALSTACK) gives an IPv6 EIP from the pool’s IPv6 range', () => {
    const { eip } = run(frozenState(), seed({ type: undefined, ip_version: 6 }));
    expect(eip).toMatchObject({ ip_version: 6, type: 'DUALSTACK', public_ipv6_address: '2001:db8:5c0::1' });
    expect(eip!.public_ip_address).toBeUndefined();
    const byType = run(frozenState(), seed({ type: 'DUALSTACK' })).eip;
    expect(byType).toMatchObject({ ip_version: 6, public_ipv6_address: '2001:db8:5c0::1' });
    const asked = run(frozenState(), seed({ type: 'DUALSTACK', public_ipv6_address: '2001:DB8:5C0:0::42' })).eip;
    expect(asked!.public_ipv6_address).toBe('2001:db8:5c0::42');
  });

  it('associate_instance_type PORT binds the EIP to the port: ACTIVE, vnic filled, the port remembers it', () => {
    const { eip, next, outcome } = run(
      frozenState(),
      seed({ associate_instance_type: 'PORT', associate_instance_id: NIC2 }),
    );
    expect(validators.validateCreatePublicIpV3Response201((outcome as { body: unknown }).body)).toBe(true);
    expect(eip).toMatchObject({
      status: 'ACTIVE',
      associate_instance_type: 'PORT',
      associate_instance_id: NIC2,
      vnic: {
        private_ip_address: '172.16.1.75',
        device_id: 'b61769a5-f8c4-448f-ae5b-2cbe1baa20ca',
        device_owner: 'compute:AZ1',
        vpc_id: '1314cd0b-5dea-4697-b45a-a2304ff87e9c',
        port_id: NIC2,
        mac: 'fa:16:3e:ac:a8:0b',
      },
    });
    expect(next.projects[P]!.ports[NIC2]!.eipId).toBe(eip!.id);
  });

  it('share_type WHOLE joins an existing shared bandwidth', () => {
    const { eip, next } = run(frozenState(), seed({}, { share_type: 'WHOLE', id: SHARED }));
    expect(eip!.bandwidth).toMatchObject({ id: SHARED, share_type: 'WHOLE', size: 100, name: 'shared-bandwidth-demo' });
    expect(next.projects[P]!.bandwidths[SHARED]!.publicipIds).toEqual([eip!.id]);
  });

  it('an administrator may choose the EIP id', () => {
    const id = '0c464dad-86f3-4953-8bd4-c22bb0eb0bde';
    const { eip, next } = run(frozenState(), seed({ id }), { ctx: context({ principal: principal({ admin: true }) }) });
    expect(eip!.id).toBe(id);
    expectError(
      run(next, seed({ id }), { ctx: context({ principal: principal({ admin: true }) }) }).outcome,
      'VPC.0501',
      400,
      id,
    );
  });

  it('keeps alias, description and enterprise_project_id', () => {
    const { eip } = run(
      frozenState(),
      seed({
        alias: 'test eip',
        description: 'description test',
        enterprise_project_id: 'b261ac1f-2489-4bc7-b31b-c33c3346a439',
      }),
    );
    expect(eip).toMatchObject({
      alias: 'test eip',
      description: 'description test',
      enterprise_project_id: 'b261ac1f-2489-4bc7-b31b-c33c3346a439',
    });
  });

  it.each([
    [
      'pool does not exist',
      seed({ publicip_pool_name: '5_nowhere' }),
      'VPC.0504',
      404,
      'publicip.publicip_pool_name 5_nowhere',
    ],
    ['type EIP with ip_version 6', seed({ ip_version: 6 }), 'VPC.0501', 400, 'publicip.type EIP'],
    [
      'type DUALSTACK with ip_version 4',
      seed({ type: 'DUALSTACK', ip_version: 4 }),
      'VPC.0501',
      400,
      'publicip.ip_version 4',
    ],
    [
      'IPv6 with a WHOLE bandwidth',
      seed({ ip_version: 6, type: 'DUALSTACK' }, { share_type: 'WHOLE', id: SHARED }),
      'VPC.0301',
      400,
      'publicip.bandwidth.share_type',
    ],
    [
      'id set without an administrator credential',
      seed({ id: '0c464dad-86f3-4953-8bd4-c22bb0eb0bde' }),
      'VPC.2701',
      403,
      'publicip.id',
    ],
    [
      'WHOLE without a bandwidth id',
      seed({}, { share_type: 'WHOLE' }),
      'VPC.0301',
      400,
      'publicip.bandwidth.id is required',
    ],
    [
      'WHOLE with an unknown bandwidth id',
      seed({}, { share_type: 'WHOLE', id: 'deadbeef-0000-4000-8000-000000000000' }),
      'VPC.0301',
      400,
      'publicip.bandwidth.id deadbeef',
    ],
    ['PER with a bandwidth id', seed({}, { id: SHARED }), 'VPC.0301', 400, 'publicip.bandwidth.id'],
    [
      'requested address outside the pool',
      seed({ public_ip_address: '100.65.0.9' }),
      'VPC.0501',
      400,
      'publicip.public_ip_address 100.65.0.9',
    ],
    [
      'requested address is the pool’s network address',
      seed({ public_ip_address: '100.64.0.0' }),
      'VPC.0501',
      400,
      'publicip.public_ip_address',
    ],
    [
      'requested IPv6 address for an IPv4 EIP',
      seed({ public_ipv6_address: '2001:db8:5c0::9' }),
      'VPC.0501',
      400,
      'publicip.public_ipv6_address',
    ],
    [
      'requested IPv4 address for an IPv6 EIP',
      seed({ type: 'DUALSTACK', public_ip_address: '100.64.0.9' }),
      'VPC.0501',
      400,
      'publicip.public_ip_address',
    ],
    [
      'associate type without id',
      seed({ associate_instance_type: 'PORT' }),
      'VPC.0501',
      400,
      'publicip.associate_instance_id',
    ],
    [
      'associate id without type',
      seed({ associate_instance_id: NIC2 }),
      'VPC.0501',
      400,
      'publicip.associate_instance_type',
    ],
    [
      'associate an unknown port',
      seed({ associate_instance_type: 'PORT', associate_instance_id: 'deadbeef-0000-4000-8000-000000000000' }),
      'VPC.0504',
      404,
      'publicip.associate_instance_id',
    ],
    [
      'associate a port of another project',
      seed({ associate_instance_type: 'PORT', associate_instance_id: 'ab4c5d6e-7f8a-4b9c-8d2e-3f4a5b6c7d8e' }),
      'VPC.0504',
      404,
      'publicip.associate_instance_id',
    ],
    [
      'associate a NAT gateway (none exist)',
      seed({ associate_instance_type: 'NATGW', associate_instance_id: 'deadbeef-0000-4000-8000-000000000000' }),
      'VPC.0504',
      404,
      'NATGW',
    ],
  ] as const)('%s → %s', (_name, body, code, status, mentions) => {
    expectError(run(frozenState(), body).outcome, code, status, mentions);
  });

  it('project of the credential is not the URL’s → VPC.0007', () => {
    expectError(
      run(frozenState(), seed(), { ctx: context({ principal: principal({ projectId: DEMO.otherProject }) }) }).outcome,
      'VPC.0007',
      400,
      DEMO.otherProject,
    );
  });

  it('a requested address already assigned → VPC.0522', () => {
    const { next } = run(frozenState(), seed({ public_ip_address: '100.64.0.7' }));
    expectError(run(next, seed({ public_ip_address: '100.64.0.7' })).outcome, 'VPC.0522', 409, '100.64.0.7');
  });

  it('a port that already has an EIP → VPC.0511', () => {
    const { next } = run(frozenState(), seed({ associate_instance_type: 'PORT', associate_instance_id: NIC2 }));
    expectError(
      run(next, seed({ associate_instance_type: 'PORT', associate_instance_id: NIC2 })).outcome,
      'VPC.0511',
      409,
      NIC2,
    );
  });

  it('the project’s EIP quota → VPC.0521', () => {
    const state = frozenState(fixturesWith((f) => (f.projects[0]!.quota = { eips: 3 })));
    expectError(run(repeat(state, seed(), 3), seed()).outcome, 'VPC.0521', 409, 'quota');
  });

  it('an exhausted pool → VPC.0532; the addresses handed out are exactly the pool’s hosts', () => {
    const fixtures = fixturesWith((f) =>
      f.pools.push({ name: 'tiny', id: 'c0a80001-0000-4000-8000-0000000000ff', ipv4: ['198.51.100.0/29'] }),
    );
    const full = repeat(frozenState(fixtures), seed({ publicip_pool_name: 'tiny' }), 6);
    expect([...full.pools.tiny!.allocated.keys()].sort()).toEqual([
      '198.51.100.1',
      '198.51.100.2',
      '198.51.100.3',
      '198.51.100.4',
      '198.51.100.5',
      '198.51.100.6',
    ]);
    expectError(run(full, seed({ publicip_pool_name: 'tiny' })).outcome, 'VPC.0532', 409, 'tiny');
  });

  it('a pool with no IPv6 range → VPC.0501 for ip_version 6', () => {
    const fixtures = fixturesWith((f) =>
      f.pools.push({ name: 'v4only', id: 'c0a80001-0000-4000-8000-0000000000fe', ipv4: ['198.51.100.0/29'] }),
    );
    expectError(
      run(frozenState(fixtures), seed({ publicip_pool_name: 'v4only', type: 'DUALSTACK' })).outcome,
      'VPC.0501',
      400,
      'no IPv6',
    );
  });
});
