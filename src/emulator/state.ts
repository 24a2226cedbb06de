// The emulator's state, and the one function that changes it. Handlers never change state; they return events,
// and `applyEvent` applies them — so a handler is a pure function of (state, request, context), and replaying
// the events of a journal rebuilds the state exactly. The collections that grow with every assign (EIPs, and
// the addresses a pool has handed out) are Maps: hundreds of thousands of entries cost less there than as
// object properties. `stateToJson` / `stateFromJson` convert to and from the plain JSON that `--state`
// persists and `/__emulator/state` shows.
import type { components } from '../../generated/schema.js';
import { DEFAULT_EIP_QUOTA } from '../contract/fixtures.js';
import { forgetIndex, noteAllocated, type Pool } from './allocate.js';

export type { Pool } from './allocate.js';

export type Publicip = components['schemas']['PublicipResp'];

export interface AddressPair {
  ip_address: string;
  mac_address?: string;
}

export interface Port {
  id: string;
  vpcId: string;
  subnetId: string;
  ipAddress: string;
  macAddress: string;
  /** The server of a NIC; empty for a virtual IP port. */
  deviceId: string;
  /** `compute:<az>` for a server NIC, `neutron:VIP_PORT` for a virtual IP address. */
  deviceOwner: string;
  allowedAddressPairs: AddressPair[];
  /** NIC: the virtual IP ports bound to it. */
  vipIds: string[];
  /** Virtual IP port: the NICs it is bound to. */
  nicIds: string[];
  /** The EIP bound to this port, if any. */
  eipId?: string;
}

export interface Subnet {
  id: string;
  name: string;
  vpcId: string;
  cidr: string;
  gatewayIp: string;
}

/** A shared (`WHOLE`) bandwidth. A dedicated (`PER`) one is part of its EIP: `eip.bandwidth`. */
export interface Bandwidth {
  id: string;
  name: string;
  size: number;
  share_type: 'PER' | 'WHOLE';
  charge_mode: string;
  publicipIds: string[];
}

export interface Project {
  id: string;
  quotas: { eips: number };
  /** How much of each quota is used (kept by `applyEvent`, so a quota check does not count). */
  usage: { eips: number };
  vpcs: Record<string, { id: string; name: string }>;
  subnets: Record<string, Subnet>;
  servers: Record<string, { id: string; name: string; availabilityZone: string; portIds: string[] }>;
  ports: Record<string, Port>;
  eips: Map<string, Publicip>;
  /** Shared bandwidths. */
  bandwidths: Record<string, Bandwidth>;
}

export interface State {
  version: 1;
  projects: Record<string, Project>;
  pools: Record<string, Pool>;
}

export type Event =
  | { type: 'port.put'; projectId: string; port: Port }
  | { type: 'bandwidth.put'; projectId: string; bandwidth: Bandwidth }
  | { type: 'eip.put'; projectId: string; eip: Publicip; pool: { name: string; address: string; version: 4 | 6 } }
  | { type: 'state.replace'; state: State };

/**
 * A record keyed by IDs that come from requests: no prototype, so that an ID such as `constructor` or
 * `__proto__` is only ever an unknown key, never a property of Object.prototype.
 */
export function dict<T>(entries?: Record<string, T>): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  if (entries) for (const key of Object.keys(entries)) out[key] = entries[key]!;
  return out;
}

export function emptyProject(id: string): Project {
  return {
    id,
    quotas: { eips: DEFAULT_EIP_QUOTA },
    usage: { eips: 0 },
    vpcs: dict(),
    subnets: dict(),
    servers: dict(),
    ports: dict(),
    eips: new Map(),
    bandwidths: dict(),
  };
}

/** A project as handlers see it: an unknown project is an empty one. */
export function projectOf(state: State, projectId: string): Project {
  return state.projects[projectId] ?? emptyProject(projectId);
}

function project(state: State, projectId: string): Project {
  state.projects[projectId] ??= emptyProject(projectId);
  return state.projects[projectId];
}

/** Applies one event, in place; returns the state (a new one for `state.replace`). */
export function applyEvent(state: State, event: Event): State {
  switch (event.type) {
    case 'state.replace':
      return event.state;
    case 'port.put':
      project(state, event.projectId).ports[event.port.id] = event.port;
      return state;
    case 'bandwidth.put':
      project(state, event.projectId).bandwidths[event.bandwidth.id] = event.bandwidth;
      return state;
    case 'eip.put': {
      const owner = project(state, event.projectId);
      if (!owner.eips.has(event.eip.id)) owner.usage.eips += 1;
      owner.eips.set(event.eip.id, event.eip);
      const pool = state.pools[event.pool.name];
      if (pool) {
        pool.allocated.set(event.pool.address, event.eip.id);
        pool.cursor[String(event.pool.version) as '4' | '6'] = event.pool.address;
        noteAllocated(pool, event.pool.version, event.pool.address);
      }
      return state;
    }
  }
}

/** Puts back `key` of a record as it was (`undefined`: it was not there). */
function restore<T>(record: Record<string, T>, key: string, previous: T | undefined): void {
  if (previous === undefined) delete record[key];
  else record[key] = previous;
}

/**
 * What undoes `applyEvent(state, event)`, taken just before it is applied. Undoing runs newest first and returns
 * the state to use from then on. Handlers never change what is in the state (events carry new objects), so
 * putting back the previous entries is enough.
 */
export function undoEvent(state: State, event: Event): () => State {
  if (event.type === 'state.replace') return () => state;
  const { projectId } = event;
  const owner = state.projects[projectId];
  if (!owner)
    return () => {
      delete state.projects[projectId];
      if (event.type === 'eip.put') undoPool(state, event)();
      return state;
    };
  switch (event.type) {
    case 'port.put': {
      const previous = owner.ports[event.port.id];
      return () => {
        restore(owner.ports, event.port.id, previous);
        return state;
      };
    }
    case 'bandwidth.put': {
      const previous = owner.bandwidths[event.bandwidth.id];
      return () => {
        restore(owner.bandwidths, event.bandwidth.id, previous);
        return state;
      };
    }
    case 'eip.put': {
      const previous = owner.eips.get(event.eip.id);
      const used = owner.usage.eips;
      const pool = undoPool(state, event);
      return () => {
        if (previous === undefined) owner.eips.delete(event.eip.id);
        else owner.eips.set(event.eip.id, previous);
        owner.usage.eips = used;
        pool();
        return state;
      };
    }
  }
}

/** The pool's part of undoing an `eip.put`: the address and the cursor as they were. */
function undoPool(state: State, event: Extract<Event, { type: 'eip.put' }>): () => void {
  const pool = state.pools[event.pool.name];
  if (!pool) return () => {};
  const key = String(event.pool.version) as '4' | '6';
  const holder = pool.allocated.get(event.pool.address);
  const cursor = pool.cursor[key];
  return () => {
    if (holder === undefined) pool.allocated.delete(event.pool.address);
    else pool.allocated.set(event.pool.address, holder);
    if (cursor === undefined) delete pool.cursor[key];
    else pool.cursor[key] = cursor;
    forgetIndex(pool);
  };
}

export function applyEvents(state: State, events: readonly Event[]): State {
  let next = state;
  for (const event of events) next = applyEvent(next, event);
  return next;
}

/** The state as plain JSON data, as `/__emulator/state` shows it and `--state` stores it. */
export interface StateJson {
  version: 1;
  projects: Record<string, Omit<Project, 'eips'> & { eips: Record<string, Publicip> }>;
  pools: Record<string, Omit<Pool, 'allocated'> & { allocated: Record<string, string> }>;
}

const mapValues = <T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> => {
  const out = dict<U>();
  for (const key of Object.keys(record)) out[key] = f(record[key]!);
  return out;
};

export function stateToJson(state: State): StateJson {
  return {
    version: state.version,
    projects: mapValues(state.projects, (p) => ({ ...p, eips: Object.fromEntries(p.eips) })),
    pools: mapValues(state.pools, (p) => ({ ...p, allocated: Object.fromEntries(p.allocated) })),
  };
}

export function stateFromJson(json: StateJson): State {
  return {
    version: json.version,
    projects: mapValues(json.projects, (p) => ({
      ...p,
      vpcs: dict(p.vpcs),
      subnets: dict(p.subnets),
      servers: dict(p.servers),
      ports: dict(p.ports),
      bandwidths: dict(p.bandwidths),
      eips: new Map(Object.entries(p.eips)),
    })),
    pools: mapValues(json.pools, (p) => ({ ...p, allocated: new Map(Object.entries(p.allocated)) })),
  };
}
