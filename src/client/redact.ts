// Secrets (the SK, tokens, security tokens) never leave the client in an error, a message or a description.

const MASK = '***';

export type Redactor = (text: string) => string;

/** Replaces every occurrence of each secret in a text by `***`. */
export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  const list = secrets
    .filter((s): s is string => typeof s === 'string' && s.length >= 4)
    .sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of list) if (out.includes(secret)) out = out.split(secret).join(MASK);
    return out;
  };
}

/** `AKEXAMPLE1234` → `AKEX*********`: enough to tell keys apart in a description, not enough to use one. */
export function maskAccessKey(ak: string): string {
  return ak.length <= 4 ? MASK : ak.slice(0, 4) + '*'.repeat(ak.length - 4);
}
