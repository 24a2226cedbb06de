// Which origin a call goes to. Each operation names its server in the contract (`https://ecs.{region}…` for
// ECS, `https://vpc.{region}…` for EIP v3); the client fills in the region, or takes the origin given for
// that service, or one origin for everything (a mock or the emulator).
import type { OperationDefinition } from '../../generated/operations.js';
import { HuaweiCloudError } from './errors.js';

export interface EndpointOptions {
  /** One origin for every service, e.g. `http://127.0.0.1:4010`. */
  endpoint?: string | undefined;
  /** An origin per service, keyed by the first label of the contract's server host (`ecs`, `vpc`). */
  endpoints?: Readonly<Record<string, string>> | undefined;
  /** Fills `{region}` in the contract's servers, e.g. `cn-north-4`. */
  region?: string | undefined;
}

/** `ecs` for `https://ecs.{region}.myhuaweicloud.com`. */
export function serviceOf(operation: OperationDefinition): string {
  const server = operation.servers[0] ?? '';
  return /^https?:\/\/([^.{/]+)\./.exec(server)?.[1] ?? '';
}

const trim = (url: string) => url.replace(/\/+$/, '');

export function originFor(operation: OperationDefinition | undefined, options: EndpointOptions): string {
  const service = operation ? serviceOf(operation) : '';
  const own = options.endpoints?.[service];
  if (own) return trim(own);
  if (options.endpoint) return trim(options.endpoint);
  if (operation && options.region) {
    if (!/^[a-z0-9-]+$/.test(options.region))
      throw new HuaweiCloudError({
        kind: 'config',
        code: 'HWC.CONFIG',
        message: `region "${options.region}" is not a region ID`,
      });
    return trim((operation.servers[0] ?? '').replace('{region}', options.region));
  }
  throw new HuaweiCloudError({
    kind: 'config',
    code: 'HWC.CONFIG',
    operationId: operation?.operationId,
    message: `no endpoint for ${service || 'this path'}: set \`region\`, \`endpoint\` or \`endpoints.${service || '<service>'}\``,
  });
}
