// nextFree: the next free address of a pool after its cursor, wrapping round once; undefined when exhausted —
// from an index of free ranges that applyEvent keeps in step, checked against a plain walk of the pool.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromBig, parseCidr } from '../../src/contract/ip.js';
import { forgetIndex, inPool, nextFree } from '../../src/emulator/allocate.js';
import { applyEvent, type Pool, type State, undoEvent } from '../../src/emulator/state.js';

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
    const state = stateWith(p);
    const seen = new Set<string>();
    for (let i = 0; i < 14; i += 1) {
      const address = nextFree(p, 4)!;
      expect(inPool(p, 4, address)).toBe(true);
      seen.add(address);
      hand(state, address);
    }
    expect(seen.size).toBe(14);
    expect(nextFree(p, 4)).toBeUndefined();
  });

  it('answers at once for an exhausted /16 (65,534 addresses taken), and finds the one address set free', () => {
    const block = parseCidr('10.1.0.0/16')!;
    const all: string[] = [];
    for (let v = block.first + 1n; v < block.last; v += 1n) all.push(fromBig(v, 4));
    const p = pool(['10.1.0.0/16'], [], all, { '4': '10.1.255.254' });
    expect(nextFree(p, 4)).toBeUndefined();
    p.allocated.delete('10.1.77.7');
    forgetIndex(p);
    expect(nextFree(p, 4)).toBe('10.1.77.7');
  });

  it('follows a plain walk of the pool through any mix of next-free and requested addresses, and of undos', () => {
    const blocks = ['10.0.0.0/28', '10.0.0.32/29', '10.0.0.8/30'];
    const hosts = walkOrder(blocks);
    const step = fc.oneof(
      fc.constant({ kind: 'next' as const }),
      fc.constantFrom(...hosts).map((address) => ({ kind: 'ask' as const, address })),
      fc.constant({ kind: 'undo' as const }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const p = pool(blocks);
        const state = stateWith(p);
        const undos: (() => State)[] = [];
        for (const s of steps) {
          const expected = reference(hosts, p);
          expect(nextFree(p, 4)).toBe(expected);
          if (s.kind === 'undo') undos.pop()?.();
          else if (s.kind === 'next' && expected) undos.push(hand(state, expected));
          else if (s.kind === 'ask' && !p.allocated.has(s.address)) undos.push(hand(state, s.address));
        }
        expect(nextFree(p, 4)).toBe(reference(hosts, p));
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});

/** A state holding only `p`, so that real `eip.put` events can be applied to it. */
function stateWith(p: Pool): State {
  return { version: 1, projects: Object.create(null), pools: Object.assign(Object.create(null), { [p.name]: p }) };
}

let handed = 0;
/** Hands `address` out as the emulator does (an `eip.put` event); returns what undoes it. */
function hand(state: State, address: string): () => State {
  const event = {
    type: 'eip.put' as const,
    projectId: 'project',
    eip: { id: `eip-${++handed}` } as never,
    pool: { name: 'p', address, version: 4 as const },
  };
  const undo = undoEvent(state, event);
  applyEvent(state, event);
  return undo;
}

/** The hosts of the blocks in address order. */
function walkOrder(blocks: string[]): string[] {
  const values: bigint[] = [];
  for (const text of blocks) {
    const block = parseCidr(text)!;
    for (let v = block.first + 1n; v < block.last; v += 1n) values.push(v);
  }
  return values.sort((a, b) => (a < b ? -1 : 1)).map((v) => fromBig(v, 4));
}

/** The next free host after the cursor, wrapping round, found by walking every host. */
function reference(hosts: string[], p: Pool): string | undefined {
  const start = p.cursor['4'] === undefined ? 0 : hosts.indexOf(p.cursor['4']) + 1;
  for (let i = 0; i < hosts.length; i += 1) {
    const host = hosts[(start + i) % hosts.length]!;
    if (!p.allocated.has(host)) return host;
  }
  return undefined;
}

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
