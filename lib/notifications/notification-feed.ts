import type { Sql } from "../db/create-db";

export type NotificationFeed = { subscribe(userId: string, listener: () => void): Promise<() => void> };

/**
 * One LISTEN on `notification_created` per app instance (the event processor NOTIFYs the
 * recipient's id on commit), fanned out to that person's open live streams.
 */
export function createNotificationFeed(sql: Sql): NotificationFeed {
  const listeners = new Map<string, Set<() => void>>();
  let listening: Promise<unknown> | null = null;
  return {
    async subscribe(userId, listener) {
      listening ??= sql
        .listen("notification_created", (payload) => {
          for (const notify of listeners.get(payload) ?? []) notify();
        })
        .catch((error: unknown) => {
          listening = null;
          throw error;
        });
      await listening;
      const set = listeners.get(userId) ?? new Set();
      set.add(listener);
      listeners.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(userId);
      };
    },
  };
}
