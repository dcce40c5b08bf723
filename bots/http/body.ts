/**
 * The one bounded body reader every HTTP surface uses. Reads the raw bytes from the stream (works after awaits: a fully
 * received body stays buffered until read), honours a body a restify plugin already read, and refuses more than
 * `limit` bytes with BodyTooLargeError — letting the rest drain so the caller's 413 reaches the client.
 */
import type { IncomingMessage } from 'node:http';

/** The body is over the caller's limit. */
export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/** Read the request body as bytes, at most `limit`. */
export function readBodyBytes(
  req: IncomingMessage & { body?: unknown; rawBody?: unknown },
  limit: number,
): Promise<Buffer> {
  const tooLarge = () => new BodyTooLargeError(`body over ${limit} bytes`);
  const sized = (b: Buffer) => (b.length > limit ? Promise.reject(tooLarge()) : Promise.resolve(b));
  if (Number(req.headers['content-length'] ?? '0') > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  if (Buffer.isBuffer(req.rawBody)) return sized(req.rawBody);
  if (typeof req.rawBody === 'string') return sized(Buffer.from(req.rawBody, 'utf8'));
  if (req.body !== undefined) {
    if (Buffer.isBuffer(req.body)) return sized(req.body);
    return sized(Buffer.from(typeof req.body === 'string' ? req.body : JSON.stringify(req.body), 'utf8'));
  }
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      req.removeListener('data', onData);
      req.resume();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
