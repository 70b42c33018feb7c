/** Every background queue, by name. Handlers live beside this file, one per queue. */
export const QUEUES = {
  /** Submit one approved batch to Hello Clever (at-most-once; see lib/submission). */
  submitBatch: "submit-batch",
  /** Resolve a submission whose outcome is unknown by looking the payout up. */
  resolveSubmission: "resolve-submission",
  /** Re-read a payout after a webhook and apply what the provider says. */
  applyWebhook: "apply-webhook",
  /** Re-read open payouts so a lost webhook never leaves a batch stuck. */
  reconcile: "reconcile",
  /** Fetch the methods catalogue from Hello Clever. */
  syncMethods: "sync-methods",
  /** Expire batches that waited for approval too long. */
  expireApprovals: "expire-approvals",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
