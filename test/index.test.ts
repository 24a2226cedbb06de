// The public API is a short, deliberate list: adding or removing an export is a decision, made here.
import { expect, it } from 'vitest';
import * as api from '../src/index.js';

it('exports exactly the documented names', () => {
  expect(Object.keys(api).sort()).toEqual(['CLIENT_ERROR_CODES', 'DEFAULT_RETRY', 'HuaweiCloudError', 'createClient', 'formatSdkDate', 'parseErrorBody', 'signRequest', 'verifyRequest']);
});
