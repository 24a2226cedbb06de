// POST /v3/{project_id}/eip/publicips: assign an EIP (CreatePublicIpV3). A pure function: it reads the state and
// returns the events to apply — the new EIP, its address taken from the pool, its bandwidth, and the port it is
// bound to.
import type { components } from '../../../generated/schema.js';
import { nextFree, inPool } from '../allocate.js';
import type { HandlerContext, Outcome } from '../context.js';
import { type ApiError, apiError } from '../../contract/error-registry.js';
import { canonicalAddress, ipVersion, type IpVersion } from '../../contract/ip.js';
import { projectOf, type Bandwidth, type Event, type Publicip, type State } from '../state.js';

export type CreatePublicIpBody = components['schemas']['CreatePublicIpV3RequestBody'];

export interface AssignEipRequest {
  projectId: string;
  body: CreatePublicIpBody;
}

let lastSecond = Number.NaN;
let lastText = '';
/** `2018-12-25T10:07:24Z`: Huawei's timestamps carry no fraction of a second. (Formatted once per second.) */
export function huaweiTime(date: Date): string {
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastText = `${date.toISOString().slice(0, 19)}Z`;
  }
  return lastText;
}

type PublicipOption = CreatePublicIpBody['publicip'];
type Port = State['projects'][string]['ports'][string];
type Pool = State['pools'][string];
type Project = State['projects'][string];
/** The helpers below return a value or the error that stops the assign (no value of theirs has a `code`). */
const isError = (value: unknown): value is ApiError => typeof value === 'object' && value !== null && 'code' in value;

export function assignEip(state: State, request: AssignEipRequest, ctx: HandlerContext): Outcome {
  const { projectId } = request;
  const option = request.body.publicip;
  const refused = callerError(state, option, projectId, ctx);
  if (refused) return { error: refused };
  const project = projectOf(state, projectId);
  const pool = state.pools[option.publicip_pool_name];
  if (!pool) {
    const detail = `publicip.publicip_pool_name ${option.publicip_pool_name} is not a pool of this region`;
    return { error: apiError('VPC.0504', detail) };
  }
  const kind = ipKind(option, pool);
  if (isError(kind)) return { error: kind };
  const shared = sharedBandwidth(project, option.bandwidth);
  if (isError(shared)) return { error: shared };
  const port = portToBind(project, option);
  if (isError(port)) return { error: port };
  if (project.usage.eips >= project.quotas.eips) {
    return { error: apiError('VPC.0521', `project ${projectId} already has ${project.quotas.eips} EIPs, its quota`) };
  }
  const address = addressFor(pool, option, kind.version);
  if (isError(address)) return { error: address };
  // Built field by field: a spread of `kind` would give every assignment a hidden class of its own (V8 then
  // missed its inline caches on each request, ~24k instructions per assign).
  const assignment: Assignment = { version: kind.version, type: kind.type, address, shared, port };
  return assigned(project, pool, option, assignment, ctx);
}

/** Who may assign here: a credential of this project; a chosen EIP ID needs an administrator and a free ID. */
function callerError(
  state: State,
  option: PublicipOption,
  projectId: string,
  ctx: HandlerContext,
): ApiError | undefined {
  if (ctx.principal.projectId !== undefined && ctx.principal.projectId !== projectId) {
    const detail = `the credential is bound to project ${ctx.principal.projectId}, the URL names project ${projectId}`;
    return apiError('VPC.0007', detail);
  }
  if (option.id === undefined) return undefined;
  if (!ctx.principal.admin) return apiError('VPC.2701', 'publicip.id may be set only with an administrator credential');
  const taken = Object.values(state.projects).some((p) => p.eips.has(option.id!));
  return taken ? apiError('VPC.0501', `publicip.id ${option.id} is already the ID of an EIP`) : undefined;
}

/** type and ip_version: EIP is IPv4, DUALSTACK is IPv6; either one implies the other, and the pool must have it. */
function ipKind(option: PublicipOption, pool: Pool): { version: IpVersion; type: 'EIP' | 'DUALSTACK' } | ApiError {
  const version: IpVersion = option.ip_version ?? (option.type === 'DUALSTACK' ? 6 : 4);
  const type = option.type ?? (version === 6 ? 'DUALSTACK' : 'EIP');
  if ((type === 'EIP') !== (version === 4)) {
    const detail = `publicip.type ${type} does not agree with publicip.ip_version ${version} (EIP is IPv4, DUALSTACK is IPv6)`;
    return apiError('VPC.0501', detail);
  }
  if (version === 6 && option.bandwidth.share_type === 'WHOLE') {
    return apiError('VPC.0301', 'publicip.bandwidth.share_type WHOLE is not supported for IPv6 EIPs');
  }
  if ((version === 6 ? pool.ipv6 : pool.ipv4).length === 0) {
    return apiError('VPC.0501', `publicip.ip_version ${version}: pool ${pool.name} has no IPv${version} addresses`);
  }
  return { version, type };
}

/** An existing shared bandwidth (WHOLE, by `id`), or none for a new dedicated one (PER, without an `id`). */
function sharedBandwidth(project: Project, bandwidth: PublicipOption['bandwidth']): Bandwidth | undefined | ApiError {
  if (bandwidth.share_type !== 'WHOLE') {
    if (!bandwidth.id) return undefined;
    return apiError('VPC.0301', 'publicip.bandwidth.id may be given only when publicip.bandwidth.share_type is WHOLE');
  }
  if (!bandwidth.id) {
    return apiError('VPC.0301', 'publicip.bandwidth.id is required when publicip.bandwidth.share_type is WHOLE');
  }
  const shared = project.bandwidths[bandwidth.id];
  if (shared?.share_type !== 'WHOLE') {
    return apiError(
      'VPC.0301',
      `publicip.bandwidth.id ${bandwidth.id} is not a shared bandwidth of project ${project.id}`,
    );
  }
  return shared;
}

/** The port to bind the EIP to, given by associate_instance_type PORT and associate_instance_id, if any. */
function portToBind(project: Project, option: PublicipOption): Port | undefined | ApiError {
  const instanceType = option.associate_instance_type;
  const instanceId = option.associate_instance_id || undefined;
  if ((instanceType === undefined) !== (instanceId === undefined)) {
    const detail = 'publicip.associate_instance_type and publicip.associate_instance_id must be given together';
    return apiError('VPC.0501', detail);
  }
  if (instanceId === undefined) return undefined;
  const port = project.ports[instanceId];
  if (instanceType !== 'PORT' || !port) {
    const detail = `publicip.associate_instance_id ${instanceId} is not a ${instanceType} of project ${project.id}`;
    return apiError('VPC.0504', detail);
  }
  if (port.eipId !== undefined) {
    return apiError('VPC.0511', `publicip.associate_instance_id: port ${port.id} already has EIP ${port.eipId}`);
  }
  return port;
}

/** The address: the one asked for (in the field of the EIP's IP version), or the next free one of the pool. */
function addressFor(pool: Pool, option: PublicipOption, version: IpVersion): string | ApiError {
  const asked = version === 4 ? option.public_ip_address : option.public_ipv6_address;
  const wrongField = version === 4 ? option.public_ipv6_address : option.public_ip_address;
  if (wrongField) {
    const [field, other] =
      version === 4 ? ['public_ipv6_address', 'public_ip_address'] : ['public_ip_address', 'public_ipv6_address'];
    return apiError('VPC.0501', `publicip.${field} cannot be used for an IPv${version} EIP; use publicip.${other}`);
  }
  if (!asked) {
    const next = nextFree(pool, version);
    return next ?? apiError('VPC.0532', `pool ${pool.name} has no free IPv${version} address left`);
  }
  const field = version === 4 ? 'publicip.public_ip_address' : 'publicip.public_ipv6_address';
  const address = ipVersion(asked) === version ? canonicalAddress(asked) : undefined;
  if (address === undefined || !inPool(pool, version, address)) {
    return apiError('VPC.0501', `${field} ${asked} is not an assignable IPv${version} address of pool ${pool.name}`);
  }
  if (pool.allocated.has(address)) return apiError('VPC.0522', `${field} ${address} is already assigned`);
  return address;
}

interface Assignment {
  version: IpVersion;
  type: 'EIP' | 'DUALSTACK';
  address: string;
  shared: Bandwidth | undefined;
  port: Port | undefined;
}

/** The new EIP and the events that keep it: its address, its bandwidth, the port it is bound to. */
function assigned(
  project: Project,
  pool: Pool,
  option: PublicipOption,
  { version, type, address, shared, port }: Assignment,
  ctx: HandlerContext,
): Outcome {
  const projectId = project.id;
  const { bandwidth } = option;
  const id = option.id ?? ctx.newId();
  const now = huaweiTime(ctx.now);
  const events: Event[] = [];
  let bandwidthResp: Publicip['bandwidth'];
  const billingInfo = bandwidth.billing_info || undefined;
  if (shared) {
    events.push({
      type: 'bandwidth.put',
      projectId,
      bandwidth: { ...shared, publicipIds: [...shared.publicipIds, id] },
    });
    bandwidthResp = {
      id: shared.id,
      size: shared.size,
      share_type: 'WHOLE',
      charge_mode: shared.charge_mode,
      name: shared.name,
      billing_info: billingInfo,
    };
  } else {
    // A dedicated bandwidth lives in its EIP.
    bandwidthResp = {
      id: ctx.newId(),
      size: bandwidth.size,
      share_type: 'PER',
      charge_mode: bandwidth.charge_mode ?? 'bandwidth',
      name: bandwidth.name,
      billing_info: billingInfo,
    };
  }

  // One fixed shape (absent fields are `undefined`, which JSON leaves out): every EIP shares one hidden class,
  // and no temporary objects are spread into it. The strings it keeps are the state's own (project, pool),
  // not slices of this request's URL.
  const eip: Publicip = {
    id,
    project_id: project.id,
    ip_version: version,
    public_ip_address: version === 4 ? address : undefined,
    public_ipv6_address: version === 6 ? address : undefined,
    status: port ? 'ACTIVE' : 'DOWN',
    description: option.description,
    created_at: now,
    updated_at: now,
    type,
    vnic: port
      ? {
          private_ip_address: port.ipAddress,
          device_id: port.deviceId,
          device_owner: port.deviceOwner,
          vpc_id: port.vpcId,
          port_id: port.id,
          mac: port.macAddress,
          instance_id: port.deviceId,
          instance_type: 'PORT',
        }
      : null,
    bandwidth: bandwidthResp,
    enterprise_project_id: option.enterprise_project_id ?? '0',
    billing_info: option.billing_info ?? '',
    associate_instance_type: port ? 'PORT' : undefined,
    associate_instance_id: port?.id,
    publicip_pool_id: pool.id,
    publicip_pool_name: pool.name,
    alias: option.alias,
    public_border_group: 'center',
  };
  events.push({ type: 'eip.put', projectId, eip, pool: { name: pool.name, address, version } });
  if (port) events.push({ type: 'port.put', projectId, port: { ...port, eipId: id } });
  return { status: 201, body: { publicip: eip, request_id: ctx.requestId }, events };
}
