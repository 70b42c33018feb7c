import type { Sql } from "../db/create-db";
import { log } from "../log";

/** What the batches_notify trigger (migration 0001) announces on every batch insert and update. */
export type BatchChange = { id: string; status: string; updatedAt: string; failedCount?: number };

/** `change`: one batch changed. `resync`: changes may have been missed (the listener reconnected). */
export type FeedEvent = { kind: "change"; change: BatchChange } | { kind: "resync" };

export type BatchChangeFeed = {
  /** Resolves once the LISTEN is active, so a subscriber misses nothing after it returns. */
  subscribe(listener: (event: FeedEvent) => void): Promise<() => void>;
  readonly subscribers: number;
};

const CHANNEL = "batch_changed";

function parseChange(payload: string): BatchChange | null {
  try {
    const value = JSON.parse(payload) as Partial<BatchChange>;
    if (typeof value.id !== "string" || typeof value.status !== "string" || typeof value.updatedAt !== "string") return null;
    return { id: value.id, status: value.status, updatedAt: value.updatedAt, ...(typeof value.failedCount === "number" ? { failedCount: value.failedCount } : {}) };
  } catch {
    return null;
  }
}

/**
 * One LISTEN connection per app instance, fanned out in-process to every live stream. Postgres
 * NOTIFY reaches every instance on the database, so a change applied by one instance reaches
 * browsers connected to any other. The LISTEN starts with the first subscriber and stays.
 */
export function createBatchChangeFeed(sql: Sql): BatchChangeFeed {
  const listeners = new Set<(event: FeedEvent) => void>();
  let listening: Promise<unknown> | null = null;
  let connects = 0;
  const emit = (event: FeedEvent) => {
    for (const listener of listeners) listener(event);
  };
  const start = () =>
    sql.listen(
      CHANNEL,
      (payload) => {
        const change = parseChange(payload);
        if (change) emit({ kind: "change", change });
      },
      () => {
        // postgres.js re-listens after a lost connection; anything sent meanwhile was missed.
        if (connects++ > 0) {
          log.warn({ channel: CHANNEL }, "live.relistened");
          emit({ kind: "resync" });
        }
      },
    );
  return {
    async subscribe(listener) {
      listening ??= start().catch((error: unknown) => {
        listening = null; // the next subscriber tries again
        throw error;
      });
      await listening;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get subscribers() {
      return listeners.size;
    },
  };
}
