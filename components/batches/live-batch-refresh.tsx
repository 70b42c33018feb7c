"use client";

import { useRouter } from "next/navigation";
import { useBatchChanges } from "./use-batch-changes";

/** Re-renders the batch page when this batch changes anywhere (any instance), without a reload. */
export function LiveBatchRefresh({ batchId }: { batchId: string }) {
  const router = useRouter();
  useBatchChanges({
    onChange: (change) => {
      if (change.id === batchId) router.refresh();
    },
    onResync: () => router.refresh(),
  });
  return null;
}
