import type { CsvChunk } from "./stream-query-csv";

export type CsvStreamEnd = { rows: number; outcome: "completed" | "cancelled" | "failed"; error?: string };

/**
 * A streamed CSV download. Chunks are pulled only as the client reads (backpressure reaches the
 * Postgres COPY), and `onEnd` runs once however the stream ends (finished, client gone, error)
 * with the number of data rows sent, so an export is audited with what actually left.
 */
export function csvResponse(chunks: AsyncGenerator<CsvChunk>, options: { filename: string; onEnd: (end: CsvStreamEnd) => Promise<void> }): Response {
  let rows = 0;
  let ended = false;
  const end = async (outcome: CsvStreamEnd["outcome"], error?: unknown) => {
    if (ended) return;
    ended = true;
    await options.onEnd({ rows, outcome, ...(error ? { error: error instanceof Error ? error.message.slice(0, 500) : String(error).slice(0, 500) } : {}) });
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) {
          await end("completed");
          controller.close();
          return;
        }
        rows += next.value.rows;
        controller.enqueue(next.value.bytes);
      } catch (error) {
        await end("failed", error).catch(() => undefined);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined); // reads the COPY to its end, which frees its connection
      await end("cancelled");
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${options.filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
