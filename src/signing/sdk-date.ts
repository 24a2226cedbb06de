// `X-Sdk-Date`: `YYYYMMDDTHHMMSSZ`, UTC (the official SDKs' `20060102T150405Z`).

let lastSecond = NaN;
let lastText = '';

export function formatSdkDate(date: Date): string {
  // Signing calls this for every request; within one second the answer is the same.
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = date
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    lastSecond = second;
  }
  return lastText;
}

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The instant an `X-Sdk-Date` value names, or `undefined` when it is not in that exact form. */
export function parseSdkDate(value: string): Date | undefined {
  const m = SDK_DATE.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject impossible dates (month 13, 31 February …) rather than let Date roll them over.
  return formatSdkDate(date) === value ? date : undefined;
}
