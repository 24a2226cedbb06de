// What a run left on its target: the EIPs its assigns created (a real cloud bills them) and the virtual IP
// addresses its binds left bound, read from the run's exchanges. Every report lists them.
import { ASSIGN, BIND } from './checks/bodies.js';
import type { Created, CreatedEip, Exchange } from './types.js';

export type { Created, CreatedEip } from './types.js';

type Answer = {
  publicip?: { id?: unknown; public_ip_address?: unknown; public_ipv6_address?: unknown; bandwidth?: unknown };
};
type BindBody = { nic?: { ip_address?: unknown } };

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function createdEip(exchange: Exchange): CreatedEip | undefined {
  const publicip = (exchange.response.json as Answer | undefined)?.publicip;
  const id = text(publicip?.id);
  if (!publicip || !id) return undefined;
  const bandwidth = (publicip.bandwidth ?? {}) as { id?: unknown; size?: unknown; share_type?: unknown };
  return {
    id,
    address: text(publicip.public_ip_address) ?? text(publicip.public_ipv6_address),
    bandwidth: {
      ...(text(bandwidth.id) && { id: text(bandwidth.id) }),
      ...(typeof bandwidth.size === 'number' && { size: bandwidth.size }),
      ...(text(bandwidth.share_type) && { share_type: text(bandwidth.share_type) }),
    },
    check: exchange.check,
  };
}

function requestBody(exchange: Exchange): BindBody | undefined {
  try {
    return exchange.request.body === undefined ? undefined : (JSON.parse(exchange.request.body) as BindBody);
  } catch {
    return undefined;
  }
}

export function createdBy(exchanges: readonly Exchange[]): Created {
  const eips = new Map<string, CreatedEip>();
  // NIC → address → the check that bound it; an unbind (empty subnet_id and ip_address) clears the NIC.
  const bound = new Map<string, Map<string, string>>();
  for (const exchange of exchanges) {
    const { status } = exchange.response;
    if (status < 200 || status >= 300) continue;
    if (exchange.operationId === ASSIGN) {
      const eip = createdEip(exchange);
      if (eip && !eips.has(eip.id)) eips.set(eip.id, eip);
    } else if (exchange.operationId === BIND) {
      const nicId = decodeURIComponent(new URL(exchange.request.url).pathname.split('/').pop() ?? '');
      const address = text(requestBody(exchange)?.nic?.ip_address);
      if (address) {
        if (!bound.has(nicId)) bound.set(nicId, new Map());
        bound.get(nicId)!.set(address, exchange.check);
      } else bound.delete(nicId);
    }
  }
  return {
    eips: [...eips.values()],
    boundVirtualIps: [...bound].flatMap(([nicId, addresses]) =>
      [...addresses].map(([ipAddress, check]) => ({ nicId, ipAddress, check })),
    ),
  };
}

/** The created resources in a few lines: counts, then each (at most `limit` of each kind). */
export function createdLines(created: Created, limit = 20): string[] {
  const { eips, boundVirtualIps } = created;
  if (eips.length === 0 && boundVirtualIps.length === 0) return ['Created on the target: nothing.'];
  const lines = [
    `Created on the target: ${eips.length} EIP(s), ${boundVirtualIps.length} virtual IP address(es) left bound — release them on a real cloud:`,
  ];
  for (const eip of eips.slice(0, limit)) {
    const { size, share_type } = eip.bandwidth;
    const bandwidth =
      size === undefined
        ? ''
        : ` (${size} Mbit/s${share_type ? ` ${share_type}` : ''}${eip.bandwidth.id ? ` ${eip.bandwidth.id}` : ''})`;
    lines.push(`  EIP ${eip.id} ${eip.address ?? '(no address)'}${bandwidth} by ${eip.check}`);
  }
  if (eips.length > limit) lines.push(`  … and ${eips.length - limit} more EIPs (see --reporter json)`);
  for (const vip of boundVirtualIps.slice(0, limit))
    lines.push(`  virtual IP ${vip.ipAddress} bound to NIC ${vip.nicId} by ${vip.check}`);
  if (boundVirtualIps.length > limit)
    lines.push(`  … and ${boundVirtualIps.length - limit} more (see --reporter json)`);
  return lines;
}
