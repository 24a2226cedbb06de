// Deliberately broken servers: the real emulator behind a proxy that breaks exactly one rule. Each mutation is
// what a faulty re-implementation of these APIs might do; the conformance runner must catch every one.
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FIXTURES, DEMO } from '../../src/contract/default-fixtures.js';
import { type EmulatorServer, serveEmulator } from '../../src/emulator/http.js';

export interface Exchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Mutation {
  /** What is broken, in a few words (the README's mutation table). */
  fault: string;
  /** The check that must catch it. */
  caughtBy: string;
  /** Changes the request before the emulator sees it. */
  request?(exchange: Exchange): void;
  /** Changes (or replaces) the emulator's answer. */
  response?(answer: Answer, exchange: Exchange, memory: Map<string, Answer>): Answer | undefined;
}

const json = (answer: Answer) => JSON.parse(answer.body) as Record<string, any>;
const withBody = (answer: Answer, body: unknown, status = answer.status): Answer => ({
  status,
  headers: answer.headers,
  body: JSON.stringify(body),
});
const isBind = (e: Exchange) => e.method === 'PUT' && e.path.includes('/cloudservers/nics/');
const isAssign = (e: Exchange) => e.method === 'POST' && e.path.endsWith('/eip/publicips');

export const MUTATIONS: Record<string, Mutation> = {
  'bind-answers-202': {
    fault: 'bind answers 202 instead of the documented 200',
    caughtBy: 'documented-examples',
    response: (a, e) => (isBind(e) && a.status === 200 ? { ...a, status: 202 } : undefined),
  },
  'same-ip-twice': {
    fault: 'hands out the same IP twice (a second assign of a taken address succeeds)',
    caughtBy: 'stateful-double-assign',
    response: (a, e, memory) => {
      if (!isAssign(e)) return;
      let asked: string | undefined;
      try {
        asked = (JSON.parse(e.body) as { publicip?: { public_ip_address?: string } }).publicip?.public_ip_address;
      } catch {
        return;
      }
      if (!asked) return;
      if (a.status === 201) memory.set(asked, a);
      else if (a.status === 409 && memory.has(asked)) return memory.get(asked);
    },
  },
  'used-address-accepted': {
    fault: 'binds an address a NIC already uses',
    caughtBy: 'stateful-bind-roundtrip',
    response: (a, e) =>
      isBind(e) && a.status === 409 ? withBody(a, { port_id: e.path.split('/').pop() }, 200) : undefined,
  },
  'projects-not-isolated': {
    fault: "lets a credential of one project act on another's resources",
    caughtBy: 'project-isolation',
    request: (e) => {
      if (e.headers['x-auth-token'] === DEMO.otherToken) {
        e.headers['x-auth-token'] = DEMO.token;
        e.path = e.path.replace(DEMO.otherProject, DEMO.project);
      }
    },
  },
  'auth-ignored': {
    fault: 'ignores missing credentials',
    caughtBy: 'auth-missing',
    request: (e) => {
      if (!e.headers['x-auth-token'] && !e.headers.authorization) e.headers['x-auth-token'] = DEMO.token;
    },
  },
  'any-token-accepted': {
    fault: 'accepts any token',
    caughtBy: 'auth-invalid',
    request: (e) => {
      const token = e.headers['x-auth-token'];
      if (typeof token === 'string' && ![DEMO.token, DEMO.otherToken, DEMO.adminToken].includes(token as never))
        e.headers['x-auth-token'] = DEMO.token;
    },
  },
  'signature-not-verified': {
    fault: 'accepts an AK/SK request without checking its signature',
    caughtBy: 'auth-invalid',
    request: (e) => {
      if (typeof e.headers.authorization === 'string' && e.headers.authorization.includes(`Access=${DEMO.ak}`)) {
        delete e.headers.authorization;
        e.headers['x-auth-token'] = DEMO.token;
      }
    },
  },
  'bandwidth-out-of-range-accepted': {
    fault: 'accepts an out-of-range bandwidth size',
    caughtBy: 'constraint-violations',
    request: (e) => {
      if (!isAssign(e)) return;
      try {
        const body = JSON.parse(e.body) as { publicip?: { bandwidth?: { size?: unknown } } };
        const size = body.publicip?.bandwidth?.size;
        if (typeof size === 'number' && (size < 5 || size > 2000)) {
          body.publicip!.bandwidth!.size = 5;
          e.body = JSON.stringify(body);
        }
      } catch {
        // not JSON: leave it
      }
    },
  },
  'crash-on-bad-json': {
    fault: 'a 500 on a body that is not JSON',
    caughtBy: 'malformed-requests',
    response: (a) => {
      const body = a.status === 400 ? json(a) : undefined;
      const message = String(body?.error?.message ?? body?.error_msg ?? '');
      if (message.includes('not valid JSON'))
        return withBody(a, { error: { code: 'Ecs.0002', message: 'SyntaxError' } }, 500);
    },
  },
  'unknown-pool-422': {
    fault: 'an undocumented 422 for a pool that does not exist (documented: 404 VPC.0504)',
    caughtBy: 'stateful-not-found',
    response: (a, e) => (isAssign(e) && a.status === 404 ? { ...a, status: 422 } : undefined),
  },
  'unknown-pool-wrong-code': {
    fault: 'an unknown pool answered 400 VPC.0501 (a validation error) instead of 404 VPC.0504',
    caughtBy: 'stateful-not-found',
    response: (a, e) =>
      isAssign(e) && a.status === 404
        ? withBody(a, { ...json(a), error_code: 'VPC.0501', error_msg: 'Invalid EIP parameter.' }, 400)
        : undefined,
  },
  'bandwidth-one-past-maximum-accepted': {
    fault: 'accepts a bandwidth size one past its maximum (2001)',
    caughtBy: 'constraint-violations',
    request: (e) => {
      if (isAssign(e) && e.body.includes('"size":2001')) e.body = e.body.replace('"size":2001', '"size":2000');
    },
  },
  'valid-optional-field-rejected': {
    fault: 'rejects a valid assign that holds the optional `alias` (400 VPC.0501)',
    caughtBy: 'schema-valid-requests',
    response: (a, e) =>
      isAssign(e) && a.status === 201 && e.body.includes('"alias"')
        ? withBody(
            a,
            { error_code: 'VPC.0501', error_msg: 'Invalid EIP parameter: publicip.alias', request_id: 'x' },
            400,
          )
        : undefined,
  },
  'eip-missing-required-field': {
    fault: 'a 201 body without the required `status` of the EIP',
    caughtBy: 'response-conformance',
    response: (a, e) => {
      if (!isAssign(e) || a.status !== 201) return;
      const body = json(a);
      delete body.publicip.status;
      return withBody(a, body);
    },
  },
  'enum-value-outside': {
    fault: 'an EIP status outside its enum (`RUNNING`)',
    caughtBy: 'response-conformance',
    response: (a, e) => {
      if (!isAssign(e) || a.status !== 201) return;
      const body = json(a);
      body.publicip.status = 'RUNNING';
      return withBody(a, body);
    },
  },
  'wrong-error-shape': {
    fault: 'EIP errors in the bare `{code, message}` shape',
    caughtBy: 'constraint-violations',
    response: (a, e) => {
      if (!isAssign(e) || a.status < 400) return;
      const body = json(a);
      return withBody(a, { code: body.error_code, message: body.error_msg });
    },
  },
  'no-request-id': {
    fault: 'no X-Request-Id header',
    caughtBy: 'response-conformance',
    response: (a) => {
      const headers = { ...a.headers };
      delete headers['x-request-id'];
      return { ...a, headers };
    },
  },
  'unbind-crashes': {
    fault: 'a 500 on unbind',
    caughtBy: 'no-server-errors',
    response: (a, e) =>
      isBind(e) && e.body.includes('"subnet_id":""')
        ? withBody(a, { error: { code: 'Ecs.0002', message: 'boom' } }, 500)
        : undefined,
  },
};

export interface BrokenServer {
  url: string;
  close(): Promise<void>;
}

/** The emulator (default fixtures) behind a proxy applying `mutation`. */
export async function startBrokenServer(mutation: Mutation): Promise<BrokenServer> {
  const emulator: EmulatorServer = await serveEmulator({ fixtures: DEFAULT_FIXTURES });
  const memory = new Map<string, Answer>();
  const upstream = new URL(emulator.url);
  const proxy: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const exchange: Exchange = {
        method: req.method!,
        path: req.url!,
        headers: { ...req.headers },
        body: Buffer.concat(chunks).toString('utf8'),
      };
      mutation.request?.(exchange);
      delete exchange.headers['content-length'];
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: exchange.method,
          path: exchange.path,
          headers: { ...exchange.headers, 'content-length': String(Buffer.byteLength(exchange.body)) },
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (c: Buffer) => parts.push(c));
          up.on('end', () => {
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(up.headers))
              if (typeof v === 'string' && k !== 'content-length' && k !== 'connection' && k !== 'keep-alive')
                headers[k] = v;
            let answer: Answer = { status: up.statusCode ?? 502, headers, body: Buffer.concat(parts).toString('utf8') };
            answer = mutation.response?.(answer, exchange, memory) ?? answer;
            res.writeHead(answer.status, {
              ...answer.headers,
              'content-length': String(Buffer.byteLength(answer.body)),
            });
            res.end(answer.body);
          });
        },
      );
      forward.on('error', () => res.destroy());
      forward.end(exchange.body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        proxy.closeAllConnections();
      });
      await emulator.close();
    },
  };
}
