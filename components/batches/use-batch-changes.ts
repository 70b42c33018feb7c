"use client";

import { useEffect, useRef } from "react";
import { subscribeLive } from "@/components/live/live-events";
import type { BatchChange } from "@/lib/live/batch-change-feed";

export type BatchChangeHandlers = {
  /** One batch changed (its id, new status and updatedAt). */
  onChange: (change: BatchChange) => void;
  /** Connected or reconnected, or the server may have missed changes: reload what is shown. */
  onResync: () => void;
};

/**
 * Subscribes to the tab's /api/live stream (server-sent events). EventSource reconnects by itself after a drop;
 * every (re)connection ends in a `ready` event, and the caller refetches then, so nothing that
 * changed while disconnected is missed.
 */
export function useBatchChanges(handlers: BatchChangeHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    const onResync = () => latest.current.onResync();
    const unsubscribes = [
      subscribeLive("batch", (event) => latest.current.onChange(JSON.parse(event.data) as BatchChange)),
      subscribeLive("ready", onResync),
      subscribeLive("resync", onResync),
    ];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }, []);
}
