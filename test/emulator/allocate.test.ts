// nextFree: the next free address of a pool after its cursor, wrapping round once; undefined when exhausted.
import { describe, expect, it } from 'vitest';
import { inPool, nextFree } from '../../src/emulator/allocate.js';
import type { Pool } from '../../src/emulator/state.js';

function pool(ipv4: string[], ipv6: string[] = [], allocated: string[] = [], cursor: Pool['cursor'] = {}): Pool {
  return {
    id: 'p',
    name: 'p',
    ipv4,
    ipv6,
    allocated: new Map(allocated.map((a) => [a, `eip-${a}`])),
    cursor,
  };
}

describe('nextFree', () => {
  it.each<[string, Pool, 4 | 6, string | undefined]>([
    ['the first host address of an empty /24', pool(['10.0.0.0/24']), 4, '10.0.0.1'],
    ['the address after the cursor', pool(['10.0.0.0/24'], [], [], { '4': '10.0.0.7' }), 4, '10.0.0.8'],
    ['past allocated addresses', pool(['10.0.0.0/24'], [], ['10.0.0.1', '10.0.0.2']), 4, '10.0.0.3'],
    ['wrapping round after the last host', pool(['10.0.0.0/30'], [], [], { '4': '10.0.0.2' }), 4, '10.0.0.1'],
    ['into the next block', pool(['10.0.0.0/30', '10.0.1.0/30'], [], ['10.0.0.1', '10.0.0.2']), 4, '10.0.1.1'],
    ['none when every host is taken', pool(['10.0.0.0/30'], [], ['10.0.0.1', '10.0.0.2']), 4, undefined],
    ['both addresses of a /31', pool(['10.0.0.0/31'], [], ['10.0.0.0']), 4, '10.0.0.1'],
    ['none for a version the pool lacks', pool(['10.0.0.0/24']), 6, undefined],
    ['the first IPv6 address after the block’s own', pool([], ['2001:db8::/64']), 6, '2001:db8::1'],
  ])('gives %s', (_what, p, version, want) => {
    expect(nextFree(p, version)).toBe(want);
  });

  it('hands out every host of a block once, then none', () => {
    const p = pool(['10.0.0.0/28']);
    const seen = new Set<string>();
    for (let i = 0; i < 14; i += 1) {
      const address = nextFree(p, 4)!;
      expect(inPool(p, 4, address)).toBe(true);
      seen.add(address);
      p.allocated.set(address, `eip-${i}`);
      p.cursor['4'] = address;
    }
    expect(seen.size).toBe(14);
    expect(nextFree(p, 4)).toBeUndefined();
  });
});

describe('inPool', () => {
  it.each<[string, boolean]>([
    ['10.0.0.1', true],
    ['10.0.0.0', false],
    ['10.0.0.255', false],
    ['10.0.1.1', false],
  ])('%s in 10.0.0.0/24: %s', (address, want) => {
    expect(inPool(pool(['10.0.0.0/24']), 4, address)).toBe(want);
  });
});
