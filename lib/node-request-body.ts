import type { IncomingMessage } from "node:http";

/**
 * A Node request body as a web stream that tolerates being cancelled mid-body. Node 20's
 * `Readable.toWeb` keeps enqueueing after its reader cancels (a body refused at 64 MB), which
 * throws ERR_INVALID_STATE as an uncaught exception and would take the process down. Reads follow
 * the reader (paused while the stream is full); after a cancel the rest is drained and dropped, so
 * the answer (413) can still be written and memory stays flat.
 */
export function nodeRequestBody(req: IncomingMessage): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Buffer) => {
          if (done) return;
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.on("end", () => {
          if (done) return;
          done = true;
          controller.close();
        });
        req.on("error", (error) => {
          if (done) return;
          done = true;
          controller.error(error);
        });
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
        req.resume();
      },
    },
    { highWaterMark: 4 },
  );
}
