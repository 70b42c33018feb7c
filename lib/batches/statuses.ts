/**
 * The local batch lifecycle (DESIGN: Batch lifecycle), in the database enum's order.
 * Client-safe (no imports), so filters and badges share it with the `batch_status` enum.
 */
export const BATCH_STATUSES = [
  "draft",
  "pending_approval",
  "approved",
  "submitting",
  "submitted",
  "processing",
  "scheduled",
  "completed",
  "expired",
  "rejected",
  "cancelled",
  "needs_attention",
  // Waited longer than APPROVAL_EXPIRY_DAYS for approval; distinct from `expired`, which is the provider's.
  "approval_expired",
] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];
