"use client";

import { useRef, useState } from "react";
import { useBatchChanges } from "@/components/batches/use-batch-changes";
import { announceStatus } from "@/lib/batches/outcome";
import type { BatchStatus } from "@/lib/batches/statuses";

/**
 * The one persistent live region: says "Batch 5eb528f1: completed with 1 failure" when a batch
 * changes status, on every console page, so screen-reader users hear it wherever they are.
 */
export function StatusAnnouncer() {
  const [message, setMessage] = useState("");
  const seen = useRef(new Map<string, string>());
  useBatchChanges({
    onChange: (change) => {
      const key = `${change.status}|${change.failedCount ?? 0}`;
      if (seen.current.get(change.id) === key) return;
      seen.current.set(change.id, key);
      setMessage(announceStatus(change.id, { status: change.status as BatchStatus, failedCount: change.failedCount ?? 0 }));
    },
    onResync: () => {},
  });
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="status-announcer">
      {message}
    </div>
  );
}
