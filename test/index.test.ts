// The public API is a short, deliberate list: adding or removing an export is a decision, made here.
// `npm test` builds first, so the package entry (the bundle in dist/) is checked too.
import { expect, it } from 'vitest';
import * as api from '../src/index.js';

const NAMES = [
  'CLIENT_ERROR_CODES',
  'DEFAULT_RETRY',
  'HuaweiCloudError',
  'createClient',
  'formatSdkDate',
  'parseErrorBody',
  'signRequest',
  'verifyRequest',
];

it('exports exactly the documented names', () => {
  expect(Object.keys(api).sort()).toEqual(NAMES);
});

it('exports the same names from the built package entry', async () => {
  const entry = (await import('hwc-contract' as string)) as Record<string, unknown>;
  expect(Object.keys(entry).sort()).toEqual(NAMES);
});
