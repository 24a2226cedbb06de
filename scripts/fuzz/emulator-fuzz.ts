// A seeded fuzzer for the emulator over raw TCP: each case is one HTTP/1.1 request built byte by byte from a
// seed — mutated bodies (removed, retyped and unknown fields, prototype names, deep and huge JSON, bytes that are
// not JSON), headers (content types, tokens, signatures, dates), paths (prototype-named and percent-encoded IDs,
// admin endpoints) and methods — and every answer is judged: an answer at all, never a 5xx, Huawei's JSON error
// body with X-Request-Id, every message within the contract's 1,024 characters. After the run the state must hold
// no ID that does not exist. Used by `npm test` (1,000 cases) and `npm run fuzz` (10,000 and more, any seed).
import { connect } from 'node:net';
import { DEMO } from '../../src/contract/default-fixtures.js';
import { parseErrorBody } from '../../src/contract/error-body.js';
import { MAX_MESSAGE_LENGTH } from '../../src/contract/error-registry.js';
import { seededRandom } from '../../src/contract/seeded-random.js';
import type { StateJson } from '../../src/emulator/state.js';

/** A small, fast, seeded generator: the same seed gives the same cases on every machine. */
export const random = seededRandom;

/** The seed of case `index` of a run: any one case can be replayed alone. */
export const caseSeed = (seed: number, index: number) => (Math.imul(seed ^ 0x9e3779b9, 31) + index * 0x85ebca6b) >>> 0;

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'undefined'];
const OTHER_NIC = 'b01795fc-a246-4e4c-b770-0e4d58101592';

type Pick = <T>(items: readonly T[]) => T;

function deepJson(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

function oddValue(pick: Pick, rnd: () => number): unknown {
  return pick<() => unknown>([
    () => null,
    () => true,
    () => -1,
    () => 0,
    () => 1e308,
    () => 2 ** 53 + 1,
    () => -0.5,
    () => '',
    () => 'x'.repeat(Math.floor(rnd() * 5000)),
    () => '\u0000',
    () => '\ud800',
    () => '😀'.repeat(50),
    () => pick(PROTOTYPE_NAMES),
    () => [],
    () => ({}),
    () => ({ __proto__: { admin: true } }),
    () => Array.from({ length: 200 }, (_, i) => i),
    () => '192.168.0.7',
    () => '::1',
    () => DEMO.subnet,
  ])();
}

/** The documented bodies, the starting point of most cases. */
function baseBody(kind: 'bind' | 'assign', pick: Pick, rnd: () => number): Record<string, unknown> {
  if (kind === 'bind')
    return pick([
      { nic: { subnet_id: DEMO.subnet, ip_address: '192.168.0.7', reverse_binding: true } },
      { nic: { subnet_id: '', ip_address: '' } },
    ]);
  return {
    publicip: {
      type: 'EIP',
      publicip_pool_name: rnd() < 0.7 ? '5_telcom' : pick(['5_bgp', '5_sbgp', ...PROTOTYPE_NAMES]),
      bandwidth: { size: 5, share_type: pick(['PER', 'PER', 'WHOLE']), charge_mode: 'bandwidth', name: 'fuzz' },
      ...(rnd() < 0.3 && {
        associate_instance_type: 'PORT',
        associate_instance_id: pick([OTHER_NIC, DEMO.nic, ...PROTOTYPE_NAMES]),
      }),
    },
  };
}

/** Changes the body in place: a field removed, retyped, renamed, or an unknown one added (at any depth). */
function mutate(body: Record<string, unknown>, pick: Pick, rnd: () => number): void {
  const objects: Record<string, unknown>[] = [];
  const walk = (value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      objects.push(value as Record<string, unknown>);
      for (const child of Object.values(value)) walk(child);
    }
  };
  walk(body);
  const target = pick(objects);
  const keys = Object.keys(target);
  const key = keys.length ? pick(keys) : 'x';
  switch (pick(['remove', 'retype', 'unknown', 'proto-key', 'rename'] as const)) {
    case 'remove':
      delete target[key];
      break;
    case 'retype':
      target[key] = oddValue(pick, rnd);
      break;
    case 'unknown':
      target[`extra_${Math.floor(rnd() * 100)}`] = oddValue(pick, rnd);
      break;
    case 'proto-key':
      Object.defineProperty(target, pick(PROTOTYPE_NAMES), {
        value: oddValue(pick, rnd),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      break;
    case 'rename':
      target[`${key}_`] = target[key];
      delete target[key];
      break;
  }
}

function bodyText(kind: 'bind' | 'assign', pick: Pick, rnd: () => number): string | Buffer {
  switch (
    pick(['mutated', 'mutated', 'mutated', 'mutated', 'valid', 'bytes', 'truncated', 'deep', 'huge', 'empty'] as const)
  ) {
    case 'valid':
      return JSON.stringify(baseBody(kind, pick, rnd));
    case 'bytes':
      return Buffer.from(Array.from({ length: Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 256)));
    case 'truncated': {
      const text = JSON.stringify(baseBody(kind, pick, rnd));
      return text.slice(0, Math.floor(rnd() * text.length));
    }
    case 'deep':
      return pick([
        deepJson(Math.floor(rnd() * 50_000), '[', ']'),
        `{"nic":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_001)}`,
        `{"publicip":{"bandwidth":${deepJson(5_000, '[', ']')}}}`,
      ]);
    case 'huge':
      return pick([
        JSON.stringify({ publicip: { type: 'EIP', description: 'd'.repeat(900_000) } }),
        JSON.stringify({ nic: { subnet_id: Array.from({ length: 60_000 }, () => 'x') } }),
        'x'.repeat(1024 * 1024 + 10),
      ]);
    case 'empty':
      return '';
    default: {
      const body = baseBody(kind, pick, rnd);
      const times = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < times; i += 1) mutate(body, pick, rnd);
      return JSON.stringify(body);
    }
  }
}

function pathFor(kind: 'bind' | 'assign' | 'other', pick: Pick, rnd: () => number): string {
  // Most parts of a case are sane, so that the odd ones reach the handlers behind them.
  const id = () =>
    rnd() < 0.7
      ? DEMO.project
      : pick([
          DEMO.project,
          DEMO.project,
          DEMO.otherProject,
          ...PROTOTYPE_NAMES,
          '%00',
          '%zz',
          '%E2%82%AC',
          'a'.repeat(300),
          '..',
          '',
          encodeURIComponent(DEMO.project),
        ]);
  const nic = () => (rnd() < 0.7 ? DEMO.nic : pick([OTHER_NIC, ...PROTOTYPE_NAMES, '%2F', 'x'.repeat(2000), '']));
  const query = pick(['', '', '', '?token=secret-in-query', '?a=1&a=2', `?${'q'.repeat(100)}=1`, '?%zz']);
  if (kind === 'bind') return `/v1/${id()}/cloudservers/nics/${nic()}${query}`;
  if (kind === 'assign') return `/v3/${id()}/eip/publicips${query}`;
  return pick([
    '/',
    '/__emulator/state',
    '/__emulator/health',
    '/__emulator/__proto__',
    '/__emulator/reset',
    '/__emulator/fixtures',
    '/openapi.json',
    `/v3/${DEMO.project}/eip/publicips/${pick(PROTOTYPE_NAMES)}`,
    `/v1/${DEMO.project}/cloudservers/nics`,
    `//v1/${DEMO.project}/cloudservers/nics/${DEMO.nic}`,
    `/V1/${DEMO.project}/CLOUDSERVERS/nics/${DEMO.nic}`,
    `/${'a/'.repeat(Math.floor(rnd() * 500))}`,
    '*',
  ]);
}

function headersFor(pick: Pick, rnd: () => number): string[] {
  const lines: string[] = [];
  const contentType =
    rnd() < 0.7
      ? 'application/json'
      : pick([
          'application/json;charset=utf-8',
          'APPLICATION/JSON',
          'text/plain',
          'application/jsonx',
          'multipart/form-data; boundary=x',
          undefined,
        ]);
  if (contentType) lines.push(`Content-Type: ${contentType}`);
  const auth = rnd() < 0.6 ? 'token' : pick(['admin', 'other', 'none', 'junk-token', 'signature', 'both']);
  if (auth === 'token' || auth === 'both') lines.push(`X-Auth-Token: ${DEMO.token}`);
  if (auth === 'admin') lines.push(`X-Auth-Token: ${DEMO.adminToken}`);
  if (auth === 'other') lines.push(`X-Auth-Token: ${DEMO.otherToken}`);
  if (auth === 'junk-token') lines.push(`X-Auth-Token: ${pick([...PROTOTYPE_NAMES, 't'.repeat(4000), ' ', 'é'])}`);
  if (auth === 'signature' || auth === 'both') {
    lines.push(
      `Authorization: ${pick([
        `SDK-HMAC-SHA256 Access=${DEMO.ak}, SignedHeaders=host;x-sdk-date, Signature=${'0'.repeat(64)}`,
        `SDK-HMAC-SHA256 Access=${pick(PROTOTYPE_NAMES)}, SignedHeaders=host;x-sdk-date, Signature=${'a'.repeat(64)}`,
        `SDK-HMAC-SHA256 Access=${DEMO.ak}, SignedHeaders=${'h;'.repeat(500)}x-sdk-date, Signature=${'b'.repeat(64)}`,
        'Bearer x',
        'SDK-HMAC-SHA256',
        '',
      ])}`,
      `X-Sdk-Date: ${pick(['20261202T103000Z', 'yesterday', '', '99999999T999999Z'])}`,
    );
  }
  if (rnd() < 0.05) lines.push(`X-Padding: ${'p'.repeat(Math.floor(rnd() * 20_000))}`);
  if (rnd() < 0.05) lines.push('Content-Type: text/plain');
  if (rnd() < 0.03) lines.push(`Origin: ${pick(['http://attacker.example', 'null'])}`, 'Sec-Fetch-Site: cross-site');
  return lines;
}

export interface FuzzCase {
  index: number;
  bytes: Buffer;
  /** What the case is, in a line, for a report. */
  label: string;
}

/** Case `index` of a run with `seed`. */
export function fuzzCase(seed: number, index: number, host: string): FuzzCase {
  const rnd = random(caseSeed(seed, index));
  const pick: Pick = (items) => items[Math.floor(rnd() * items.length)]!;
  const kind = pick(['bind', 'bind', 'assign', 'assign', 'assign', 'other'] as const);
  const method =
    kind === 'bind' && rnd() < 0.85
      ? 'PUT'
      : kind === 'assign' && rnd() < 0.85
        ? 'POST'
        : pick(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'BREW', 'put', 'CONNECT']);
  const path = pathFor(kind, pick, rnd);
  const body = kind === 'other' && rnd() < 0.5 ? '' : bodyText(kind === 'other' ? 'assign' : kind, pick, rnd);
  const bodyBytes = typeof body === 'string' ? Buffer.from(body) : body;
  const chunked = rnd() < 0.05 && bodyBytes.length > 0;
  const head = [
    `${method} ${method === 'CONNECT' ? 'example.com:443' : path} HTTP/1.1`,
    `Host: ${pick([host, host, host, 'attacker.example', `localhost:${host.split(':')[1]}`])}`,
    ...headersFor(pick, rnd),
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${bodyBytes.length}`,
    'Connection: close',
  ];
  const payload = chunked
    ? Buffer.concat([Buffer.from(`${bodyBytes.length.toString(16)}\r\n`), bodyBytes, Buffer.from('\r\n0\r\n\r\n')])
    : bodyBytes;
  const bytes = Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), payload]);
  return { index, bytes, label: `${method} ${path.slice(0, 120)} (${bodyBytes.length} body bytes)` };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends raw bytes on a new connection and reads the one answer (the request asks the server to close). */
export function sendRaw(port: number, bytes: Buffer, timeoutMs = 10_000): Promise<RawAnswer | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const end = text.indexOf('\r\n\r\n');
      if (end === -1) return resolve(undefined);
      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(end + 4) });
    });
    // The server may answer (and close) before it has read everything: that is no failure of the case.
    socket.write(bytes, () => {});
  });
}

/** What is wrong with an answer, if anything. */
export function judgeAnswer(fuzz: FuzzCase, answer: RawAnswer | undefined): string | undefined {
  if (!answer) return 'no answer';
  if (!(answer.status >= 200 && answer.status < 500)) return `status ${answer.status}`;
  const requestId = answer.headers['x-request-id'];
  if (!requestId || !/^[0-9a-f]{32}$/.test(requestId)) return `X-Request-Id ${requestId ?? 'missing'}`;
  const method = fuzz.label.split(' ')[0];
  if (method === 'HEAD' || answer.status < 400) return undefined;
  if (!/^application\/json/.test(answer.headers['content-type'] ?? ''))
    return `content type ${answer.headers['content-type']}`;
  let body: unknown;
  try {
    body = JSON.parse(answer.body);
  } catch {
    return `a body that is not JSON: ${answer.body.slice(0, 80)}`;
  }
  const { code, message, requestId: echoed } = parseErrorBody(body);
  if (!code || !/^[A-Za-z]+\.\d{4}$/.test(code)) return `error code ${code}`;
  if (message === undefined) return 'no error message';
  if (message.length > MAX_MESSAGE_LENGTH) return `a message of ${message.length} characters`;
  if ((body as { error_code?: string }).error_code !== undefined && echoed !== requestId)
    return `request_id ${echoed} is not X-Request-Id ${requestId}`;
  return undefined;
}

/** IDs in the state that nothing created: a prototype name, a reference to a port or EIP that is not there. */
export function stateProblems(state: StateJson, knownProjects: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const suspicious = (where: string, keys: string[]) => {
    for (const key of keys) if (PROTOTYPE_NAMES.includes(key)) problems.push(`${where} has the key ${key}`);
  };
  suspicious('projects', Object.keys(state.projects));
  suspicious('pools', Object.keys(state.pools));
  const allEips = new Set<string>();
  for (const [projectId, project] of Object.entries(state.projects)) {
    if (!knownProjects.has(projectId) && !/^[0-9a-f]{32}$/.test(projectId)) problems.push(`project ${projectId}`);
    for (const [name, record] of Object.entries({
      ports: project.ports,
      eips: project.eips,
      bandwidths: project.bandwidths,
      servers: project.servers,
      subnets: project.subnets,
      vpcs: project.vpcs,
    }))
      suspicious(`project ${projectId} ${name}`, Object.keys(record));
    for (const id of Object.keys(project.eips)) allEips.add(id);
    for (const [id, eip] of Object.entries(project.eips)) {
      const port = eip.vnic?.port_id;
      if (port && !project.ports[port]) problems.push(`EIP ${id} is bound to port ${port}, which does not exist`);
    }
    for (const port of Object.values(project.ports)) {
      if (port.eipId && !project.eips[port.eipId])
        problems.push(`port ${port.id} names EIP ${port.eipId}, which does not exist`);
      for (const other of [...port.vipIds, ...port.nicIds])
        if (!project.ports[other]) problems.push(`port ${port.id} names port ${other}, which does not exist`);
    }
    for (const bandwidth of Object.values(project.bandwidths))
      for (const id of bandwidth.publicipIds)
        if (!project.eips[id]) problems.push(`bandwidth ${bandwidth.id} names EIP ${id}, which does not exist`);
  }
  for (const pool of Object.values(state.pools))
    for (const [address, id] of Object.entries(pool.allocated))
      if (!allEips.has(id)) problems.push(`pool ${pool.name} gave ${address} to EIP ${id}, which does not exist`);
  return problems;
}

export interface FuzzResult {
  cases: number;
  failures: { index: number; label: string; problem: string }[];
  statuses: Record<string, number>;
}

/** Runs `count` cases of `seed` against the emulator on `port` (a few at a time), bounded by `deadline`. */
export async function fuzzEmulator(options: {
  port: number;
  seed: number;
  count: number;
  concurrency?: number;
  deadlineMs?: number;
}): Promise<FuzzResult> {
  const host = `127.0.0.1:${options.port}`;
  const result: FuzzResult = { cases: 0, failures: [], statuses: {} };
  const stopAt = Date.now() + (options.deadlineMs ?? 10 * 60_000);
  let next = 0;
  const worker = async () => {
    while (next < options.count && Date.now() < stopAt) {
      const fuzz = fuzzCase(options.seed, next++, host);
      const answer = await sendRaw(options.port, fuzz.bytes);
      result.cases += 1;
      const status = String(answer?.status ?? 'none');
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      const problem = judgeAnswer(fuzz, answer);
      if (problem) result.failures.push({ index: fuzz.index, label: fuzz.label, problem });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return result;
}
