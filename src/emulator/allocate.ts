// Handing out EIP addresses from a pool: a requested address, or the next free one after the pool's cursor.
// The free addresses of a pool are kept as sorted ranges (an index beside the state, built on first use from
// the pool's `allocated` map and kept up to date by `applyEvent`), so the next free address is a binary search,
// never a walk over what is taken: an exhausted /16 answers as fast as an empty one.
import { contains, fromBig, parseCidr, toBig, type Cidr, type IpVersion } from '../contract/ip.js';

/** An EIP pool as the state holds it. */
export interface Pool {
  id: string;
  name: string;
  ipv4: string[];
  ipv6: string[];
  /** Address → EIP ID, for every address handed out. */
  allocated: Map<string, string>;
  /** The last address handed out per IP version: the search for a free one starts after it. */
  cursor: { '4'?: string; '6'?: string };
}

const cidr = (text: string): Cidr => parseCidr(text)!;

interface Range {
  first: bigint;
  last: bigint;
}

/** The assignable part of a block: IPv4 keeps out the network and broadcast addresses, IPv6 the first address. */
function hostRange(block: Cidr): Range {
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

/** The assignable ranges of a pool's blocks, sorted, overlaps merged. */
function assignableRanges(pool: Pool, version: IpVersion): Range[] {
  const ranges = poolBlocks(pool, version)
    .map(hostRange)
    .filter((r) => r.first <= r.last)
    .sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  const merged: Range[] = [];
  for (const range of ranges) {
    const previous = merged[merged.length - 1];
    if (previous && range.first <= previous.last + 1n) {
      if (range.last > previous.last) previous.last = range.last;
    } else merged.push({ ...range });
  }
  return merged;
}

/** The free ranges of one IP version of a pool, sorted and disjoint. */
interface FreeRanges {
  ranges: Range[];
  /** The cursor's text and value, last parsed: the next search usually starts there. */
  cursor?: { text: string; value: bigint };
}

const indexes = new WeakMap<Pool, { '4'?: FreeRanges; '6'?: FreeRanges }>();

/** The index of the first range whose last address is at or after `value` (ranges.length if none). */
function rangeAtOrAfter(ranges: readonly Range[], value: bigint): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ranges[middle]!.last < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Takes `value` out of the free ranges, if it is in one. */
function take(free: FreeRanges, value: bigint): void {
  const index = rangeAtOrAfter(free.ranges, value);
  const range = free.ranges[index];
  if (!range || value < range.first) return;
  if (range.first === range.last) free.ranges.splice(index, 1);
  else if (value === range.first) range.first += 1n;
  else if (value === range.last) range.last -= 1n;
  else free.ranges.splice(index, 1, { first: range.first, last: value - 1n }, { first: value + 1n, last: range.last });
}

function freeRanges(pool: Pool, version: IpVersion): FreeRanges {
  const key = String(version) as '4' | '6';
  let perPool = indexes.get(pool);
  if (!perPool) {
    perPool = {};
    indexes.set(pool, perPool);
  }
  let free = perPool[key];
  if (!free) {
    free = { ranges: assignableRanges(pool, version) };
    for (const address of pool.allocated.keys()) {
      const parsed = toBig(address);
      if (parsed?.version === version) take(free, parsed.value);
    }
    perPool[key] = free;
  }
  return free;
}

/** Keeps the index in step with a pool that has just handed out `address` (called by `applyEvent`). */
export function noteAllocated(pool: Pool, version: IpVersion, address: string): void {
  const free = indexes.get(pool)?.[String(version) as '4' | '6'];
  const parsed = free && toBig(address);
  if (free && parsed) take(free, parsed.value);
}

/** Drops the index of a pool whose `allocated` map changed other than by `noteAllocated` (a rolled-back change). */
export function forgetIndex(pool: Pool): void {
  indexes.delete(pool);
}

/** The next free address after the cursor, wrapping around once; `undefined` when the pool is exhausted. */
export function nextFree(pool: Pool, version: IpVersion): string | undefined {
  const free = freeRanges(pool, version);
  if (free.ranges.length === 0) return undefined;
  const text = pool.cursor[String(version) as '4' | '6'];
  let cursor: bigint | undefined;
  if (text !== undefined) {
    if (free.cursor?.text !== text) free.cursor = { text, value: toBig(text)?.value ?? -1n };
    cursor = free.cursor.value;
  }
  if (cursor !== undefined) {
    const range = free.ranges[rangeAtOrAfter(free.ranges, cursor + 1n)];
    if (range) return fromBig(range.first > cursor ? range.first : cursor + 1n, version);
  }
  return fromBig(free.ranges[0]!.first, version);
}
