// Handing out EIP addresses from a pool: a requested address, or the next free one after the pool's cursor.
import { contains, fromBig, parseCidr, toBig, type Cidr, type IpVersion } from '../contract/ip.js';
import type { Pool } from './state.js';

const cidr = (text: string): Cidr => parseCidr(text)!;

/** The assignable part of a block: IPv4 keeps out the network and broadcast addresses, IPv6 the first address. */
function hostRange(block: Cidr): { first: bigint; last: bigint } {
  if (block.version === 4)
    return block.prefix >= 31
      ? { first: block.first, last: block.last }
      : { first: block.first + 1n, last: block.last - 1n };
  return { first: block.first + 1n, last: block.last };
}

export function poolBlocks(pool: Pool, version: IpVersion): Cidr[] {
  return (version === 4 ? pool.ipv4 : pool.ipv6).map(cidr);
}

/** Whether `address` (canonical) is an assignable address of the pool. */
export function inPool(pool: Pool, version: IpVersion, address: string): boolean {
  return poolBlocks(pool, version).some((block) => {
    if (!contains(block, address)) return false;
    const range = hostRange(block);
    const value = toBig(address)!.value;
    return value >= range.first && value <= range.last;
  });
}

/** Most addresses looked at in one search: IPv6 blocks are too large to walk to the end. */
const SEARCH_LIMIT = 1 << 20;

const rangesOf = new Map<string, { ranges: { first: bigint; last: bigint }[]; total: bigint }>();

/** The assignable ranges of a pool's blocks and their size, computed once per set of blocks. */
function assignable(pool: Pool, version: IpVersion): { ranges: { first: bigint; last: bigint }[]; total: bigint } {
  const key = `${version}|${(version === 4 ? pool.ipv4 : pool.ipv6).join(',')}`;
  let found = rangesOf.get(key);
  if (!found) {
    const ranges = poolBlocks(pool, version)
      .map(hostRange)
      .filter((r) => r.first <= r.last);
    found = { ranges, total: ranges.reduce((sum, r) => sum + (r.last - r.first + 1n), 0n) };
    rangesOf.set(key, found);
  }
  return found;
}

/**
 * The value of the last address `nextFree` found, per pool and version: the next search starts after the
 * cursor, which is usually that address, so its text need not be parsed again.
 */
const lastFound = new WeakMap<Pool, { '4'?: { text: string; value: bigint }; '6'?: { text: string; value: bigint } }>();

function cursorValue(pool: Pool, key: '4' | '6'): bigint | undefined {
  const text = pool.cursor[key];
  if (!text) return undefined;
  const hit = lastFound.get(pool)?.[key];
  return hit?.text === text ? hit.value : toBig(text)?.value;
}

/** The next free address after the cursor, wrapping around once; `undefined` when the pool is exhausted. */
export function nextFree(pool: Pool, version: IpVersion): string | undefined {
  const { ranges, total } = assignable(pool, version);
  if (ranges.length === 0) return undefined;
  const key = String(version) as '4' | '6';
  const cursor = cursorValue(pool, key);
  let index = cursor === undefined ? -1 : ranges.findIndex((r) => cursor >= r.first && cursor <= r.last);
  let value = index === -1 ? ranges[0]!.first : cursor! + 1n;
  if (index === -1) index = 0;
  // Every address is looked at once at most, from just after the cursor round to the cursor itself.
  const limit = total < BigInt(SEARCH_LIMIT) ? Number(total) : SEARCH_LIMIT;
  for (let looked = 0; looked < limit; ) {
    const range = ranges[index]!;
    if (value > range.last) {
      index = (index + 1) % ranges.length;
      value = ranges[index]!.first;
      continue;
    }
    const address = fromBig(value, version);
    if (!pool.allocated.has(address)) {
      let found = lastFound.get(pool);
      if (!found) {
        found = {};
        lastFound.set(pool, found);
      }
      found[key] = { text: address, value };
      return address;
    }
    value += 1n;
    looked += 1;
  }
  return undefined;
}
