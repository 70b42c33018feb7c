import { requirePermission } from "@/lib/auth/session";
import { getDbHandle } from "@/lib/db";
import { errorResponse } from "@/lib/http";
import { createBatchChangeFeed, type BatchChangeFeed, type FeedEvent } from "@/lib/live/batch-change-feed";
import { createNotificationFeed, type NotificationFeed } from "@/lib/notifications/notification-feed";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
// EventSource waits this long before reconnecting after the stream drops.
const RETRY_MS = 1000;

const globalFeed = globalThis as unknown as { payoutDeskBatchFeed?: BatchChangeFeed };
function batchChangeFeed(): BatchChangeFeed {
  return (globalFeed.payoutDeskBatchFeed ??= createBatchChangeFeed(getDbHandle().sql));
}

// Issue 18: `notification` events tell the signed-in person's bell to refresh its count.
const globalNotificationFeed = globalThis as unknown as { payoutDeskNotificationFeed?: NotificationFeed };
const notificationFeed = () => (globalNotificationFeed.payoutDeskNotificationFeed ??= createNotificationFeed(getDbHandle().sql));

function format(event: FeedEvent): string {
  if (event.kind === "resync") return "event: resync\ndata: {}\n\n";
  // The id lets a reader see where it got to; on reconnect the page refetches instead of replaying.
  return `id: ${event.change.updatedAt}\nevent: batch\ndata: ${JSON.stringify(event.change)}\n\n`;
}

// GET /api/live: server-sent events for every batch change, to anyone who may view batches.
// `ready` is sent once listening (the page refetches then, covering any gap), `batch` per change.
export async function GET(request: Request) {
  let userId: string;
  try {
    userId = (await requirePermission("batches.view")).id;
  } catch (error) {
    return errorResponse(error);
  }
  const encoder = new TextEncoder();
  let send: (text: string) => void = () => {};
  // Listening before answering: a failure is a 500 (EventSource retries), not a silent stream.
  const unsubscribeBatches = await batchChangeFeed().subscribe((event) => send(format(event)));
  const unsubscribeNotifications = await notificationFeed().subscribe(userId, () => send("event: notification\ndata: {}\n\n"));
  const unsubscribe = () => {
    unsubscribeBatches();
    unsubscribeNotifications();
  };
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
