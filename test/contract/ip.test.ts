// IPv4/IPv6 arithmetic of the emulator, checked against node:net and by round trips (seeded property tests).
import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalAddress, contains, fromBig, ipVersion, parseCidr, toBig } from '../../src/contract/ip.js';

const SEED = 20261123;

describe('ip', () => {
  it('recognises addresses as node:net does (zones aside: an address with %zone is not one the APIs take)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.string(), fc.stringMatching(/^[0-9a-fA-F:.]{0,45}$/)),
        (text) => {
          if (text.includes('%')) return;
          expect(ipVersion(text) ?? 0).toBe(isIP(text));
        },
      ),
      { seed: SEED, numRuns: 3000 },
    );
  });

  it('round-trips addresses through numbers, and canonical text is stable', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (text) => {
        const parsed = toBig(text)!;
        const canonical = fromBig(parsed.value, parsed.version);
        expect(toBig(canonical)!.value).toBe(parsed.value);
        expect(canonicalAddress(canonical)).toBe(canonical);
        expect(canonicalAddress(text)).toBe(canonical);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('CIDR blocks: network and last address, containment at the edges', () => {
    const block = parseCidr('192.168.0.77/24')!;
    expect(block).toMatchObject({
      version: 4,
      prefix: 24,
      text: '192.168.0.0/24',
      firstAddress: '192.168.0.0',
      lastAddress: '192.168.0.255',
    });
    expect([
      contains(block, '192.168.0.0'),
      contains(block, '192.168.0.255'),
      contains(block, '192.168.1.0'),
      contains(block, '2001:db8::1'),
    ]).toEqual([true, true, false, false]);
    const v6 = parseCidr('2001:DB8:5B0::/64')!;
    expect(v6).toMatchObject({
      version: 6,
      text: '2001:db8:5b0::/64',
      lastAddress: '2001:db8:5b0:0:ffff:ffff:ffff:ffff',
    });
    expect(contains(v6, '2001:db8:5b0::7')).toBe(true);
    expect([parseCidr('10.0.0.0/33'), parseCidr('10.0.0.0'), parseCidr('nope/8'), parseCidr('::1]/x[/64')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
