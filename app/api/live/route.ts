import { can } from "@/lib/auth/roles";
import { currentUserFor, getSessionClaims } from "@/lib/auth/session";
import { DomainError } from "@/lib/errors";
import { errorResponse } from "@/lib/http";
import type { FeedEvent } from "@/lib/live/batch-change-feed";
import { getBatchChangeFeed, getLiveStreamCounts, getNotificationFeed } from "@/lib/runtime";

export const dynamic = "force-dynamic";

const HEARTBEAT_MS = 15_000;
// An open stream asks again this often whether its reader may still see batches.
const RECHECK_MS = 60_000;
// Streams one person may hold open at once (in this app instance).
const MAX_STREAMS_PER_USER = 10;
// EventSource waits this long before reconnecting after the stream drops.
const RETRY_MS = 1000;

function format(event: FeedEvent): string {
  if (event.kind === "resync") return "event: resync\ndata: {}\n\n";
  // The id lets a reader see where it got to; on reconnect the page refetches instead of replaying.
  return `id: ${event.change.updatedAt}\nevent: batch\ndata: ${JSON.stringify(event.change)}\n\n`;
}


// GET /api/live: server-sent events for every batch change, to anyone who may view batches.
// `ready` is sent once listening (the page refetches then, covering any gap), `batch` per change.
// Every minute the stream checks its reader again (signed out, reset, demoted, deactivated:
// it closes); one person holds at most MAX_STREAMS_PER_USER at once.
export async function GET(request: Request) {
  const openStreams = getLiveStreamCounts();
  const claims = await getSessionClaims().catch(() => null);
  let userId: string;
  try {
    const user = claims ? await currentUserFor(claims) : null;
    if (!user) throw new DomainError("unauthenticated", "Sign in to continue");
    if (!can(user.roles, "batches.view")) throw new DomainError("forbidden", "You do not have permission to do that");
    userId = user.id;
  } catch (error) {
    return errorResponse(error);
  }
  const held = openStreams.get(userId) ?? 0;
  if (held >= MAX_STREAMS_PER_USER) {
    return Response.json(
      { error: "too_many_streams", message: `At most ${MAX_STREAMS_PER_USER} live views may be open at once; close another tab and try again` },
      { status: 429, headers: { "retry-after": "30" } },
    );
  }
  openStreams.set(userId, held + 1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(userId) ?? 1) - 1;
    if (left > 0) openStreams.set(userId, left);
    else openStreams.delete(userId);
  };
  const encoder = new TextEncoder();
  let send: (text: string) => void = () => {};
  // Listening before answering: a failure is a 500 (EventSource retries), not a silent stream.
  let unsubscribe: () => void;
  try {
    const unsubscribeBatches = await getBatchChangeFeed().subscribe((event) => send(format(event)));
    // Issue 18: `notification` events tell the signed-in person's bell to refresh its count.
    const unsubscribeNotifications = await getNotificationFeed().subscribe(userId, () => send("event: notification\ndata: {}\n\n"));
    unsubscribe = () => {
      unsubscribeBatches();
      unsubscribeNotifications();
    };
  } catch (error) {
    release();
    throw error;
  }
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let recheck: ReturnType<typeof setInterval> | undefined;
  let close = () => {};
  const stop = () => {
    clearInterval(heartbeat);
    clearInterval(recheck);
    unsubscribe();
    release();
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
      close = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      recheck = setInterval(() => {
        currentUserFor(claims!)
          .then((user) => {
            if (user && can(user.roles, "batches.view")) return;
            // Access is gone: say so (the page stops reconnecting on its 401s), then close.
            send("event: signed_out\ndata: {}\n\n");
            close();
          })
          .catch(() => undefined); // the database is away: keep serving, check again next time
      }, RECHECK_MS);
      request.signal.addEventListener("abort", close);
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
