// The request bodies the checks send: the contract's own examples fitted to the target's world, the cheapest
// valid bodies, and the request schemas the generated and broken bodies come from.
import { bundledSpec } from '../../contract/bundled.js';
import { operation } from '../judge.js';
import { inline, type Schema } from '../schema.js';
import type { World } from '../types.js';

export const BIND = 'AssociateServerVirtualIp';
export const ASSIGN = 'CreatePublicIpV3';

export function bindExample(world: World, ip = world.freeVip): unknown {
  return { nic: { subnet_id: world.subnetId, ip_address: ip, reverse_binding: true } };
}
export const UNBIND = { nic: { subnet_id: '', ip_address: '', reverse_binding: false } };
export function assignExample(
  world: World,
  extra: Record<string, unknown> = {},
): { publicip: Record<string, unknown> } {
  return {
    publicip: {
      type: 'EIP',
      publicip_pool_name: world.pool,
      // The contract's smallest bandwidth: the cheapest EIP that tests a rule.
      bandwidth: { size: 5, share_type: 'PER', charge_mode: 'bandwidth', name: 'bandwidth-b556' },
      ...extra,
    },
  };
}

/** The contract's request examples of an operation: name, body, and the documented success status. */
export function requestExamples(operationId: string): { name: string; body: unknown; status: number }[] {
  const op = operation(operationId);
  const spec = bundledSpec();
  const requestBody = inline(
    spec,
    (spec as { paths: Record<string, Record<string, { requestBody?: unknown }>> }).paths[op.path]![
      op.method.toLowerCase()
    ]!.requestBody,
  ) as {
    content: Record<string, { examples?: Record<string, { value?: unknown }> }>;
  };
  const status = Number(Object.keys(op.responses).find((s) => s.startsWith('2')));
  return Object.entries(requestBody.content['application/json']?.examples ?? {}).map(([name, example]) => ({
    name,
    body: example.value,
    status,
  }));
}

/** An example body with the world's subnet, address and pool put in where the target's differ from the docs'. */
export function fitToWorld(operationId: string, body: unknown, world: World): unknown {
  const copy = structuredClone(body) as {
    nic?: { subnet_id?: string; ip_address?: string };
    publicip?: { publicip_pool_name?: string };
  };
  if (operationId === BIND && copy.nic && copy.nic.subnet_id !== '') {
    copy.nic.subnet_id = world.subnetId;
    copy.nic.ip_address = world.freeVip;
  }
  if (operationId === ASSIGN && copy.publicip) copy.publicip.publicip_pool_name = world.pool;
  return copy;
}

/** The request body schema of an operation, with references inlined. */
export function requestSchema(operationId: string): Schema {
  const op = operation(operationId);
  const spec = bundledSpec() as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  const requestBody = inline(spec, spec.paths[op.path]![op.method.toLowerCase()]!.requestBody) as {
    content: Record<string, { schema: unknown }>;
  };
  return inline(spec, requestBody.content['application/json']!.schema);
}
