// The public API of hwc-contract as a library: the typed client, its errors, and request signing.
export { createClient, CLIENT_ERROR_CODES, DEFAULT_RETRY, HuaweiCloudError, parseErrorBody } from './client/index.js';
export type {
  AkSkCredentials,
  BindVirtualIpInput,
  CallOptions,
  ClientErrorCode,
  ClientOptions,
  Credentials,
  HelperOptions,
  HuaweiCloudClient,
  HuaweiCloudErrorKind,
  RetryOptions,
  TokenCredentials,
  UnbindVirtualIpInput,
} from './client/index.js';
export { formatSdkDate, signRequest, verifyRequest } from './signing/index.js';
export type {
  SignedRequest,
  SignInput,
  SigningKey,
  VerifyFailure,
  VerifyInput,
  VerifyResult,
} from './signing/index.js';
export type { components, operations, paths } from '../generated/schema.js';
