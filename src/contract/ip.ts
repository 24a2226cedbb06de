// IPv4 and IPv6 addresses and CIDR blocks as BigInts: enough arithmetic for subnets and EIP pools.
import { isIPv4 } from 'node:net';

export type IpVersion = 4 | 6;

export interface Cidr {
  version: IpVersion;
  /** The first address (the network address). */
  first: bigint;
  /** The last address (the broadcast address, for IPv4). */
  last: bigint;
  prefix: number;
  text: string;
  /** `first` and `last` as canonical text. */
  firstAddress: string;
  lastAddress: string;
  /** `first` and `last` as plain numbers, exact for IPv4 (what `contains` compares an IPv4 address with). */
  firstNumber: number;
  lastNumber: number;
}

const IPV6_CHARACTERS = /^[0-9A-Fa-f:.]+$/;

/**
 * Whether `address` is an IPv6 address (no zone). The WHATWG URL parser (C++, in Node) decides: it costs
 * microseconds, where node:net's isIPv6 compiles a large regular expression on first use (~3.5 ms, on the
 * emulator's start-up path).
 */
function isIPv6Address(address: string): boolean {
  if (!address.includes(':') || !IPV6_CHARACTERS.test(address)) return false;
  try {
    new URL(`http://[${address}]/`);
    return true;
  } catch {
    return false;
  }
}

export function ipVersion(address: string): IpVersion | undefined {
  return isIPv4(address) ? 4 : isIPv6Address(address) ? 6 : undefined;
}

/** IPv4 with plain numbers (one BigInt at the end): this is on the emulator's hot path. */
function v4ToNumber(address: string): number {
  // Digit by digit, without splitting: the address is known to be valid IPv4 here.
  let value = 0;
  let octet = 0;
  for (let i = 0; i < address.length; i += 1) {
    const code = address.charCodeAt(i);
    if (code === 46) {
      value = value * 256 + octet;
      octet = 0;
    } else octet = octet * 10 + (code - 48);
  }
  return value * 256 + octet;
}

function v4ToBig(address: string): bigint {
  return BigInt(v4ToNumber(address));
}

function v6ToBig(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4?.[1]) {
    const n = v4ToBig(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail ? tail.split(':') : [];
  const parts =
    tail === undefined
      ? headParts
      : [...headParts, ...Array(8 - headParts.length - tailParts.length).fill('0'), ...tailParts];
  return parts.reduce((acc, part) => (acc << 16n) | BigInt(parseInt(part || '0', 16)), 0n);
}

/** The address as a number, or `undefined` when it is not an IP address. */
export function toBig(address: string): { version: IpVersion; value: bigint } | undefined {
  const version = ipVersion(address);
  if (version === 4) return { version, value: v4ToBig(address) };
  if (version === 6) return { version, value: v6ToBig(address) };
  return undefined;
}

export function fromBig(value: bigint, version: IpVersion): string {
  if (version === 4) {
    const n = Number(value);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const hextets = Array.from({ length: 8 }, (_, i) => ((value >> BigInt((7 - i) * 16)) & 0xffffn).toString(16));
  // RFC 5952: compress the longest run of two or more zero hextets.
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (hextets[i] !== '0') {
      i += 1;
      continue;
    }
    let j = i;
    while (j < 8 && hextets[j] === '0') j += 1;
    if (j - i > best.length && j - i >= 2) best = { start: i, length: j - i };
    i = j;
  }
  if (best.start === -1) return hextets.join(':');
  return `${hextets.slice(0, best.start).join(':')}::${hextets.slice(best.start + best.length).join(':')}`;
}

const parsedCidrs = new Map<string, Cidr | undefined>();
const MAX_CACHED_CIDRS = 4096;

/** Parses `192.168.0.0/24` or `2001:db8::/64`; `undefined` when it is not a CIDR block. Results are cached. */
export function parseCidr(text: string): Cidr | undefined {
  const cached = parsedCidrs.get(text);
  if (cached !== undefined || parsedCidrs.has(text)) return cached;
  const cidr = parseCidrUncached(text);
  if (parsedCidrs.size >= MAX_CACHED_CIDRS) parsedCidrs.clear();
  parsedCidrs.set(text, cidr);
  return cidr;
}

function parseCidrUncached(text: string): Cidr | undefined {
  const [address = '', prefixText = ''] = text.split('/');
  const parsed = toBig(address);
  if (!parsed || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const bits = parsed.version === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (parsed.value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  const firstAddress = fromBig(first, parsed.version);
  return {
    version: parsed.version,
    first,
    last,
    prefix,
    text: `${firstAddress}/${prefix}`,
    firstAddress,
    lastAddress: fromBig(last, parsed.version),
    firstNumber: Number(first),
    lastNumber: Number(last),
  };
}

export function contains(cidr: Cidr, address: string): boolean {
  if (cidr.version === 4 && isIPv4(address)) {
    // Plain numbers for IPv4: this is on the emulator's hot path.
    const value = v4ToNumber(address);
    return value >= cidr.firstNumber && value <= cidr.lastNumber;
  }
  const parsed = toBig(address);
  return !!parsed && parsed.version === cidr.version && parsed.value >= cidr.first && parsed.value <= cidr.last;
}

/** Normalises an address to one spelling (`2001:DB8:0::1` → `2001:db8::1`), so equal addresses compare equal. */
export function canonicalAddress(address: string): string | undefined {
  // Node's isIPv4 refuses leading zeros, so an IPv4 address it accepts is already canonical.
  if (isIPv4(address)) return address;
  const parsed = toBig(address);
  return parsed && fromBig(parsed.value, parsed.version);
}

/**
 * Whether a host (an address, `[v6]` as in a URL, or `localhost`) is this machine only: 127.0.0.0/8, ::1 or
 * localhost. Anything else — 0.0.0.0, a LAN address, a name — other machines may reach.
 */
export function isLoopback(host: string): boolean {
  const name = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127\.\d+\.\d+\.\d+$/.test(name) ||
    name === '::1' ||
    /^::ffff:(127\.\d+\.\d+\.\d+|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(name)
  );
}
