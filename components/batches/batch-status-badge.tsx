import { Badge } from "@/components/ui/badge";
import { batchOutcome, statusLabel } from "@/lib/batches/outcome";
import type { BatchStatus } from "@/lib/batches/statuses";

/** "pending_approval" → "Pending approval". */
export function batchStatusLabel(status: BatchStatus): string {
  return statusLabel(status);
}

/** The batch's status as people read it: amber "Completed with failures" when any transaction failed. */
export function BatchStatusBadge({ status, failedCount = 0 }: { status: BatchStatus; failedCount?: number }) {
  const outcome = batchOutcome({ status, failedCount });
  return (
    <Badge tone={outcome.tone} testId="batch-status">
      {outcome.label}
    </Badge>
  );
}
