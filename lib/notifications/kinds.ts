// Client-safe: the preferences form and the notifications page share these.

/** Every kind of notification a person may get, with what it means to them. */
export const NOTIFICATION_KINDS = [
  "approval_waiting",
  "batch_approved",
  "batch_rejected",
  "needs_attention",
  "completed_with_failures",
  "approval_expiring",
  "payee_change_waiting",
  "provider_check_failing",
  "webhooks_refused",
  "webhook_endpoint_disabled",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  approval_waiting: "A batch waits for your approval",
  batch_approved: "Your batch was approved",
  batch_rejected: "Your batch was rejected",
  needs_attention: "A batch needs attention",
  completed_with_failures: "Your batch completed with failures",
  approval_expiring: "An approval is about to expire",
  payee_change_waiting: "A payee change waits for approval",
  provider_check_failing: "Hello Clever check failing",
  webhooks_refused: "Hello Clever webhooks refused",
  webhook_endpoint_disabled: "A webhook endpoint was disabled",
};
