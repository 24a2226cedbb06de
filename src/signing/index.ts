// SDK-HMAC-SHA256 request signing, shared by the client (sign) and the emulator (verify).
export {
  ALGORITHM,
  EMPTY_BODY_SHA256,
  canonicalQueryString,
  canonicalUri,
  encodeRfc3986,
} from './canonical-request.js';
export { formatSdkDate, parseSdkDate } from './sdk-date.js';
export { signRequest, type SignInput, type SignedRequest, type SigningKey } from './sign-request.js';
export {
  MAX_CLOCK_SKEW_MS,
  verifyRequest,
  type VerifyFailure,
  type VerifyInput,
  type VerifyResult,
} from './verify-request.js';
