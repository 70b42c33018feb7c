import { requirePermission } from "@/lib/auth/session";
import { errorResponse } from "@/lib/http";
import type { FeedEvent } from "@/lib/live/batch-change-feed";
import { getBatchChangeFeed } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
// EventSource waits this long before reconnecting after the stream drops.
const RETRY_MS = 1000;

function format(event: FeedEvent): string {
  if (event.kind === "resync") return "event: resync\ndata: {}\n\n";
  // The id lets a reader see where it got to; on reconnect the page refetches instead of replaying.
  return `id: ${event.change.updatedAt}\nevent: batch\ndata: ${JSON.stringify(event.change)}\n\n`;
}

// GET /api/live: server-sent events for every batch change, to anyone who may view batches.
// `ready` is sent once listening (the page refetches then, covering any gap), `batch` per change.
export async function GET(request: Request) {
  try {
    await requirePermission("batches.view");
  } catch (error) {
    return errorResponse(error);
  }
  const encoder = new TextEncoder();
  let send: (text: string) => void = () => {};
  // Listening before answering: a failure is a 500 (EventSource retries), not a silent stream.
  const unsubscribe = await getBatchChangeFeed().subscribe((event) => send(format(event)));
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      send = (text) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop(); // the reader is gone
        }
      };
      heartbeat = setInterval(() => send(": ping\n\n"), HEARTBEAT_MS);
      request.signal.addEventListener("abort", () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      send(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      // no-transform: keeps compression from buffering the stream.
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
