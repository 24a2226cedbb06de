// The bind/unbind handler, called directly: one row per rule, each documented error included. States are
// frozen, so a handler that changed its input instead of returning events would throw.
import { describe, expect, it } from 'vitest';
import * as validators from '../../generated/validators.js';
import type { Outcome } from '../../src/emulator/context.js';
import { errorBody } from '../../src/contract/error-body.js';
import { errorStatus, type ErrorCode } from '../../src/contract/error-registry.js';
import { DEMO } from '../../src/contract/default-fixtures.js';
import {
  bindVirtualIp,
  VIP_DEVICE_OWNER,
  type ServerVirtualIpBody,
} from '../../src/emulator/handlers/bind-virtual-ip.js';
import { applyEvents, type State } from '../../src/emulator/state.js';
import { context, deepFreeze, fixturesWith, frozenState, principal } from './helpers.js';

const P = DEMO.project;
const NIC = DEMO.nic;
const NIC2 = 'b01795fc-a246-4e4c-b770-0e4d58101592';
const SUBNET = DEMO.subnet;
const bind = (ip_address: string, subnet_id: string = SUBNET, reverse_binding?: boolean): ServerVirtualIpBody => ({
  nic: reverse_binding === undefined ? { subnet_id, ip_address } : { subnet_id, ip_address, reverse_binding },
});
const UNBIND: ServerVirtualIpBody = { nic: { subnet_id: '', ip_address: '' } };

/** Runs the handler and applies its events to a copy of the state. */
function run(
  state: State,
  body: ServerVirtualIpBody,
  options: { nicId?: string; projectId?: string; ctx?: Parameters<typeof bindVirtualIp>[2] } = {},
) {
  const outcome = bindVirtualIp(
    state,
    { projectId: options.projectId ?? P, nicId: options.nicId ?? NIC, body },
    options.ctx ?? context(),
  );
  const next = 'events' in outcome ? deepFreeze(applyEvents(structuredClone(state) as State, outcome.events)) : state;
  return { outcome, next };
}

function expectError(outcome: Outcome, code: ErrorCode, status: number, mentions: string) {
  expect(outcome).toMatchObject({ error: { code } });
  if (!('error' in outcome)) return;
  expect(errorStatus(outcome.error)).toBe(status);
  const body = errorBody(outcome.error, 'r') as { error: { message: string } };
  expect(body.error.message).toContain(mentions);
  // Each error body is what the contract documents for that status.
  const validate = (validators as unknown as Record<string, (d: unknown) => boolean>)[
    `validateAssociateServerVirtualIpResponse${status}`
  ]!;
  expect(validate(body)).toBe(true);
}

describe('bind a virtual IP address (AssociateServerVirtualIp)', () => {
  it('turns an unassigned address into a VIP port bound to the NIC, and answers 200 {port_id}', () => {
    const { outcome, next } = run(frozenState(), bind('192.168.0.7'));
    expect(outcome).toMatchObject({ status: 200, body: { port_id: NIC } });
    expect(validators.validateAssociateServerVirtualIpResponse200((outcome as { body: unknown }).body)).toBe(true);
    const ports = next.projects[P]!.ports;
    const vip = Object.values(ports).find((p) => p.ipAddress === '192.168.0.7')!;
    expect(vip).toMatchObject({
      deviceOwner: VIP_DEVICE_OWNER,
      deviceId: '',
      subnetId: SUBNET,
      nicIds: [NIC],
      allowedAddressPairs: [],
    });
    expect(vip.macAddress).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
    expect(ports[NIC]).toMatchObject({ vipIds: [vip.id], allowedAddressPairs: [{ ip_address: '192.168.0.7' }] });
  });

  it('with reverse_binding adds the NIC’s IP/MAC pair to the VIP’s allowed_address_pairs', () => {
    const { next } = run(frozenState(), bind('192.168.0.7', SUBNET, true));
    const vip = Object.values(next.projects[P]!.ports).find((p) => p.ipAddress === '192.168.0.7')!;
    expect(vip.allowedAddressPairs).toEqual([{ ip_address: '192.168.0.10', mac_address: 'fa:16:3e:5d:3a:6c' }]);
  });

  it('repeating the same bind is harmless: 200 again, no events, nothing duplicated', () => {
    const first = run(frozenState(), bind('192.168.0.7', SUBNET, true)).next;
    const { outcome } = run(first, bind('192.168.0.7', SUBNET, true));
    expect(outcome).toEqual({ status: 200, body: { port_id: NIC }, events: [] });
  });

  it('reuses an assigned VIP: a second NIC of the VPC binds the same VIP port', () => {
    const first = run(frozenState(), bind('192.168.0.7')).next;
    const { outcome, next } = run(first, bind('192.168.0.7'), { nicId: NIC2 });
    expect(outcome).toMatchObject({ status: 200, body: { port_id: NIC2 } });
    const vips = Object.values(next.projects[P]!.ports).filter((p) => p.deviceOwner === VIP_DEVICE_OWNER);
    expect(vips).toHaveLength(1);
    expect(vips[0]!.nicIds).toEqual([NIC, NIC2]);
  });

  it('accepts IPv6 spellings and stores the canonical address', () => {
    const fixtures = fixturesWith((f) =>
      f.projects[0]!.vpcs![0]!.subnets!.push({
        id: 'c1d2e3f4-0000-4000-8000-000000000006',
        cidr: '2001:db8:1::/64',
        gateway_ip: '2001:db8:1::1',
      }),
    );
    const { outcome, next } = run(
      frozenState(fixtures),
      bind('2001:DB8:1:0::7', 'c1d2e3f4-0000-4000-8000-000000000006'),
    );
    expect(outcome).toMatchObject({ status: 200 });
    expect(Object.values(next.projects[P]!.ports).some((p) => p.ipAddress === '2001:db8:1::7')).toBe(true);
  });

  const twoVpcs = fixturesWith((f) =>
    f.projects[0]!.vpcs!.push({
      id: 'aaaaaaaa-0000-4000-8000-000000000001',
      subnets: [{ id: 'aaaaaaaa-0000-4000-8000-000000000002', cidr: '10.9.0.0/24', gateway_ip: '10.9.0.1' }],
    }),
  );

  it.each([
    [
      'NIC not in the project',
      { nicId: 'deadbeef-0000-4000-8000-00000000beef' },
      bind('192.168.0.7'),
      'Ecs.0307',
      404,
      'nic_id',
    ],
    [
      'NIC of another project',
      { nicId: 'ab4c5d6e-7f8a-4b9c-8d2e-3f4a5b6c7d8e' },
      bind('192.168.0.7'),
      'Ecs.0307',
      404,
      'ab4c5d6e-7f8a-4b9c-8d2e-3f4a5b6c7d8e',
    ],
    [
      'unknown project (empty)',
      {
        projectId: 'ffffffffffffffffffffffffffffffff',
        ctx: context({ principal: principal({ projectId: undefined }) }),
      },
      bind('192.168.0.7'),
      'Ecs.0307',
      404,
      'nic_id',
    ],
    [
      'subnet does not exist',
      {},
      bind('192.168.0.7', 'deadbeef-0000-4000-8000-000000000000'),
      'Ecs.0038',
      400,
      'nic.subnet_id',
    ],
    [
      'subnet of another project',
      {},
      bind('10.0.0.7', '8f2a3b4c-5d6e-4f7a-9b0c-1d2e3f4a5b6c'),
      'Ecs.0038',
      400,
      'nic.subnet_id',
    ],
    ['address outside the subnet', {}, bind('192.168.1.7'), 'Ecs.0039', 400, 'nic.ip_address 192.168.1.7'],
    ['IPv6 address in an IPv4 subnet', {}, bind('2001:db8::7'), 'Ecs.0039', 400, 'nic.ip_address'],
    ['the gateway', {}, bind('192.168.0.1'), 'Ecs.0005', 400, 'gateway'],
    ['the network address', {}, bind('192.168.0.0'), 'Ecs.0005', 400, 'network address'],
    ['the broadcast address', {}, bind('192.168.0.255'), 'Ecs.0005', 400, 'broadcast address'],
    ['the NIC’s own address', {}, bind('192.168.0.10'), 'Ecs.0010', 409, 'this NIC itself'],
    [
      'another NIC’s address',
      { nicId: NIC2 },
      bind('172.16.1.75', '5a1b6f2e-7c3d-4e8f-9a0b-1c2d3e4f5a6b'),
      'Ecs.0010',
      409,
      'this NIC itself',
    ],
    [
      'project of the credential is not the URL’s',
      { ctx: context({ principal: principal({ projectId: DEMO.otherProject }) }) },
      bind('192.168.0.7'),
      'Ecs.0023',
      400,
      DEMO.otherProject,
    ],
  ] as const)('%s → %s', (_name, options, body, code, status, mentions) => {
    const { outcome } = run(frozenState(), body, options);
    expectError(outcome, code, status, mentions);
  });

  it('a used address of another NIC → Ecs.0010 naming that port', () => {
    const { outcome } = run(frozenState(), bind('172.16.1.75', '5a1b6f2e-7c3d-4e8f-9a0b-1c2d3e4f5a6b'));
    expectError(outcome, 'Ecs.0010', 409, `port ${NIC2}`);
  });

  it('a subnet of another VPC of the same project → Ecs.0014', () => {
    const { outcome } = run(frozenState(twoVpcs), bind('10.9.0.7', 'aaaaaaaa-0000-4000-8000-000000000002'));
    expectError(outcome, 'Ecs.0014', 400, 'VPC');
  });

  it('a VIP port is not a NIC: binding onto it → Ecs.0307', () => {
    const first = run(frozenState(), bind('192.168.0.7')).next;
    const vipId = Object.values(first.projects[P]!.ports).find((p) => p.deviceOwner === VIP_DEVICE_OWNER)!.id;
    expectError(run(first, bind('192.168.0.8'), { nicId: vipId }).outcome, 'Ecs.0307', 404, vipId);
  });
});

describe('unbind (DisassociateServerVirtualIp: subnet_id and ip_address empty)', () => {
  it('removes the NIC’s VIP bindings, both directions, and keeps the NIC and the VIP port', () => {
    const bound = run(run(frozenState(), bind('192.168.0.7', SUBNET, true)).next, bind('192.168.0.8')).next;
    const { outcome, next } = run(bound, UNBIND);
    expect(outcome).toMatchObject({ status: 200, body: { port_id: NIC } });
    const ports = next.projects[P]!.ports;
    expect(ports[NIC]).toMatchObject({ vipIds: [], allowedAddressPairs: [], ipAddress: '192.168.0.10' });
    const vips = Object.values(ports).filter((p) => p.deviceOwner === VIP_DEVICE_OWNER);
    expect(vips).toHaveLength(2);
    for (const vip of vips) expect(vip).toMatchObject({ nicIds: [], allowedAddressPairs: [] });
  });

  it('leaves other NICs bound to the same VIP alone', () => {
    const bound = run(run(frozenState(), bind('192.168.0.7', SUBNET, true)).next, bind('192.168.0.7', SUBNET, true), {
      nicId: NIC2,
    }).next;
    const { next } = run(bound, UNBIND);
    const vip = Object.values(next.projects[P]!.ports).find((p) => p.deviceOwner === VIP_DEVICE_OWNER)!;
    expect(vip.nicIds).toEqual([NIC2]);
    expect(vip.allowedAddressPairs).toEqual([{ ip_address: '172.16.1.75', mac_address: 'fa:16:3e:ac:a8:0b' }]);
  });

  it('on a NIC with nothing bound: 200 and no events', () => {
    expect(run(frozenState(), UNBIND).outcome).toEqual({ status: 200, body: { port_id: NIC }, events: [] });
  });

  it('after an unbind, the address can be bound again (the VIP port is reused)', () => {
    const once = run(run(frozenState(), bind('192.168.0.7')).next, UNBIND).next;
    const { outcome, next } = run(once, bind('192.168.0.7'));
    expect(outcome).toMatchObject({ status: 200 });
    expect(Object.values(next.projects[P]!.ports).filter((p) => p.deviceOwner === VIP_DEVICE_OWNER)).toHaveLength(1);
  });

  it('unknown NIC → Ecs.0307', () => {
    expectError(
      run(frozenState(), UNBIND, { nicId: 'deadbeef-0000-4000-8000-00000000beef' }).outcome,
      'Ecs.0307',
      404,
      'deadbeef',
    );
  });
});
