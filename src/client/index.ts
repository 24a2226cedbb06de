export {
  createClient,
  type BindVirtualIpInput,
  type ClientOptions,
  type HelperOptions,
  type HuaweiCloudClient,
  type UnbindVirtualIpInput,
} from './create-client.js';
export type { AkSkCredentials, Credentials, TokenCredentials } from './credentials.js';
export {
  CLIENT_ERROR_CODES,
  HuaweiCloudError,
  type ClientErrorCode,
  type HuaweiCloudErrorKind,
} from './errors.js';
export { parseErrorBody, type ParsedErrorBody } from '../contract/error-body.js';
export { DEFAULT_RETRY, type RetryOptions } from './retry.js';
export type { CallOptions } from './transport.js';
