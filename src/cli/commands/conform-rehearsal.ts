// A conform run rehearsed on this machine: the same checks, seed and credentials against an emulator started
// in this process with the run's fixtures, so that nothing reaches the real target. `--dry-run` prints what it
// would send (as commands that hold no secret, aimed at the real target); before a run against a target other
// machines share, the same rehearsal says what the run is about to create there.
import { createdBy, type Created } from '../../conformance/created.js';
import { credentialVariables, reproduceCommand } from '../../conformance/reproduce.js';
import { defaultAuth, runConformance, type RunOptions, worldFrom } from '../../conformance/runner.js';
import type { Auth, Exchange } from '../../conformance/types.js';
import { serveEmulator } from '../../emulator/http.js';

export interface Rehearsal {
  /** Each request as a command aimed at the real target. */
  commands: string[];
  created: Created;
  requests: number;
}

const credentialsOf = (auth: Auth | undefined) =>
  auth?.kind === 'aksk'
    ? { credentials: [{ ak: auth.ak, sk: auth.sk, projectId: auth.projectId }] }
    : auth?.kind === 'token'
      ? { tokens: [{ token: auth.token, projectId: auth.projectId }] }
      : {};

export async function rehearse(options: RunOptions): Promise<Rehearsal> {
  const auth = options.auth ?? defaultAuth(options.fixtures);
  const stand = await serveEmulator({ fixtures: options.fixtures, ...credentialsOf(auth), warn: () => {} });
  const exchanges: Exchange[] = [];
  try {
    const report = await runConformance({
      ...options,
      baseUrl: stand.url,
      onExchange: (exchange) => exchanges.push(exchange),
      onCheckStart: undefined,
      onCheckEnd: undefined,
    });
    const auth = exchanges.find((e) => e.auth)?.auth;
    const variables = credentialVariables(
      options.auth ?? auth ?? { kind: 'none', projectId: '' },
      worldFrom(options.fixtures),
    );
    const target = options.baseUrl.replace(/\/$/, '');
    const commands = exchanges.map((exchange) => {
      const url = target + exchange.request.url.slice(stand.url.length);
      return reproduceCommand({ ...exchange, request: { ...exchange.request, url } }, variables);
    });
    return { commands, created: createdBy(exchanges), requests: report.requests };
  } finally {
    await stand.close();
  }
}
