// What node:http's parser refuses before there is a request (bad bytes, headers over the limit, a request that
// never arrives in time) and CONNECT, which node:http hands over as a bare socket: answered as Huawei's gateway
// answers, `{"error_code":"APIGW.…","error_msg","request_id"}` with X-Request-Id, instead of node's bare
// `400`/`431`/`408` or a closed socket. The answer is written straight to the socket, and the connection closed.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ApiError, apiError } from '../contract/error-registry.js';
import { type Answer, errorAnswer, newRequestId } from './wire.js';

/** The gateway's error for a parser error of node:http (its `code`, e.g. HPE_INVALID_METHOD). */
export function unreadableRequestError(code: string | undefined, maxHeaderBytes: number): ApiError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { ...apiError('APIGW.0201', `the request headers are larger than ${maxHeaderBytes} bytes`), status: 431 };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { ...apiError('APIGW.0201', 'the request did not arrive in time'), status: 408 };
    case 'HPE_INVALID_METHOD':
      return { ...apiError('APIGW.0201', 'the request method is not an HTTP method'), status: 400 };
    default:
      return { ...apiError('APIGW.0201', `the request is not valid HTTP/1.1 (${code ?? 'unreadable'})`), status: 400 };
  }
}

/** An answer as the bytes of an HTTP/1.1 response that closes its connection. */
export function rawResponse(answer: Answer): string {
  const reason = STATUS_CODES[answer.status] ?? 'Error';
  return (
    `HTTP/1.1 ${answer.status} ${reason}\r\n` +
    `Content-Type: ${answer.contentType}\r\n` +
    `Content-Length: ${Buffer.byteLength(answer.payload)}\r\n` +
    `X-Request-Id: ${answer.requestId}\r\n` +
    'Connection: close\r\n\r\n' +
    answer.payload
  );
}

/** How long a closing connection may take to send its last bytes before it is cut. */
const LINGER_MS = 5_000;

/**
 * Writes the answer and closes the connection. node:http no longer reads this socket, so what the client still
 * sends is read and dropped (else its end would never be seen), and a client that never closes is cut.
 */
function answerAndClose(socket: Duplex, answer: Answer): void {
  socket.on('data', () => {});
  socket.resume();
  socket.end(rawResponse(answer));
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}

/** Writes the gateway's answer to a socket node:http could not read, unless it is gone or a response is under way. */
export function answerUnreadable(error: NodeJS.ErrnoException, socket: Duplex, maxHeaderBytes: number): void {
  const busy = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || busy) {
    socket.destroy();
    return;
  }
  answerAndClose(socket, errorAnswer(unreadableRequestError(error.code, maxHeaderBytes), newRequestId()));
}

/** CONNECT is no operation of the contract: the gateway's 404, as for any method and path it does not know. */
export function answerConnect(target: string, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const detail = `no API matches CONNECT ${target.slice(0, 200)}`;
  answerAndClose(socket, errorAnswer(apiError('APIGW.0101', detail), newRequestId()));
}
