// Where a client's credentials come from: the options, or else the environment variables the official SDK
// reads (HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK, HUAWEICLOUD_SDK_PROJECT_ID).
import { HuaweiCloudError } from './errors.js';

export interface AkSkCredentials {
  ak: string;
  sk: string;
  /** Sent as `X-Project-Id` and used as the default `project_id` of the helpers. */
  projectId?: string;
  /** With temporary AK/SK: sent and signed as `X-Security-Token`. */
  securityToken?: string;
}

export interface TokenCredentials {
  /** An IAM user token, sent as `X-Auth-Token`. */
  token: string;
  projectId?: string;
}

export type Credentials = AkSkCredentials | TokenCredentials;

export type ResolvedCredentials =
  | { kind: 'aksk'; ak: string; sk: string; projectId: string | undefined; securityToken: string | undefined }
  | { kind: 'token'; token: string; projectId: string | undefined };

export type Environment = Readonly<Record<string, string | undefined>>;

export function resolveCredentials(given: Credentials | undefined, env: Environment): ResolvedCredentials {
  if (given && 'token' in given) {
    if (!given.token) throw configError('credentials.token is empty');
    return { kind: 'token', token: given.token, projectId: given.projectId };
  }
  if (given) {
    if (!given.ak) throw configError('credentials.ak is empty');
    if (!given.sk) throw configError('credentials.sk is empty');
    return { kind: 'aksk', ak: given.ak, sk: given.sk, projectId: given.projectId, securityToken: given.securityToken };
  }
  const ak = env.HUAWEICLOUD_SDK_AK;
  const sk = env.HUAWEICLOUD_SDK_SK;
  if (ak && sk)
    return { kind: 'aksk', ak, sk, projectId: env.HUAWEICLOUD_SDK_PROJECT_ID || undefined, securityToken: undefined };
  throw configError(
    'no credentials: pass `credentials` ({ak, sk} or {token}) or set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK',
  );
}

function configError(message: string): HuaweiCloudError {
  return new HuaweiCloudError({ kind: 'config', code: 'HWC.CONFIG', message });
}
