import { createHash } from "node:crypto";
import { createGzip } from "node:zlib";

/** The most an authentic delivery may send (a 10,000-row payout's body is ~3.3 MB). */
export const MAX_WEBHOOK_BODY_BYTES = 64 * 1024 * 1024;
/** Bodies up to this size are kept whole as text; larger ones as their first this-many bytes plus the whole body gzip-compressed. */
export const INLINE_BODY_BYTES = 64 * 1024;

export type WebhookBody = {
  /** Bytes received. */
  size: number;
  /** sha256 (lowercase hex) of the whole body. */
  sha256: string;
  /** The whole body when size ≤ INLINE_BODY_BYTES, else its first INLINE_BODY_BYTES. */
  head: Uint8Array;
  /** The whole body gzip-compressed, only when it is larger than INLINE_BODY_BYTES. */
  gzip: Buffer | null;
};

/**
 * Streams a request body, hashing and counting it as it comes, keeping its first 64 KB and, past
 * that, compressing it on the fly: the raw body is never held in memory (only its head and its
 * compressed form). Null when it is larger than `maxBytes` (a declared length is refused before
 * reading; a stream is cancelled as soon as it passes the limit).
 */
export async function readWebhookBody(request: Request, maxBytes = MAX_WEBHOOK_BODY_BYTES, inlineBytes = INLINE_BODY_BYTES): Promise<WebhookBody | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  const hash = createHash("sha256");
  const head: Uint8Array[] = [];
  let headSize = 0;
  let size = 0;
  let gzip: ReturnType<typeof createGzip> | null = null;
  const compressed: Buffer[] = [];
  let gzipDone: Promise<void> | null = null;

  const startGzip = () => {
    const stream = createGzip({ level: 6 });
    stream.on("data", (chunk: Buffer) => compressed.push(chunk));
    gzipDone = new Promise((resolve, reject) => {
      stream.once("end", resolve);
      stream.once("error", reject);
    });
    for (const part of head) stream.write(part);
    return stream;
  };
  const write = async (stream: ReturnType<typeof createGzip>, chunk: Uint8Array) => {
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once("drain", resolve));
  };

  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        gzip?.destroy();
        return null;
      }
      hash.update(value);
      if (headSize < inlineBytes) {
        const part = value.subarray(0, inlineBytes - headSize);
        head.push(part);
        headSize += part.byteLength;
      }
      if (size > inlineBytes) {
        if (!gzip) {
          // The head is already in the compressor; feed only what lies beyond it.
          gzip = startGzip();
          const beyond = value.subarray(value.byteLength - (size - inlineBytes));
          if (beyond.byteLength > 0) await write(gzip, beyond);
        } else await write(gzip, value);
      }
    }
  }
  let gzipped: Buffer | null = null;
  if (gzip) {
    (gzip as ReturnType<typeof createGzip>).end();
    await gzipDone;
    gzipped = Buffer.concat(compressed);
  }
  const joined = new Uint8Array(headSize);
  let offset = 0;
  for (const part of head) {
    joined.set(part, offset);
    offset += part.byteLength;
  }
  return { size, sha256: hash.digest("hex"), head: joined, gzip: gzipped };
}
