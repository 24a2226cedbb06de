// Reading a request body within the gateway's limit (MAX_BODY_BYTES): what is over it is answered 413 once,
// after the rest has been read and dropped — closing a connection the client is still writing to makes the
// kernel reset it, and the client may lose the answer.
import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from './pipeline.js';

/**
 * Bodies up to this size are read to their end before a 413 is sent: closing a connection the client is still
 * writing to makes the kernel reset it, and the client may lose the answer. Larger ones are answered at once.
 */
const READ_TO_END_LIMIT = 8 * MAX_BODY_BYTES;

/**
 * Collects a request body of at most MAX_BODY_BYTES and passes it to `done`; a larger one (declared or streamed)
 * calls `tooLarge` once instead — when the rest has been read and dropped, up to READ_TO_END_LIMIT.
 */
export function collectBody(
  req: IncomingMessage,
  declaredLength: string | undefined,
  done: (body: Buffer) => void,
  tooLarge: () => void,
): void {
  const declared = Number(declaredLength);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    if (declared > READ_TO_END_LIMIT) tooLarge();
    else req.once('end', tooLarge);
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  let answered = false;
  const refuse = () => {
    if (!answered) tooLarge();
    answered = true;
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (refused) {
      if (size > READ_TO_END_LIMIT) refuse();
      return;
    }
    if (size > MAX_BODY_BYTES) {
      refused = true;
      chunks.length = 0;
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) refuse();
    else done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
  });
}
