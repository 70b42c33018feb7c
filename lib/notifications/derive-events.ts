import type { NotificationKind } from "./kinds";
import type { WebhookEventType } from "../outgoing-webhooks/event-types";

// Pure: turns one audit row (and the batch it names, as it is now) into the notifications and
// outgoing webhook events it causes. The processor resolves recipients and writes them.

export type AuditRow = {
  id: number;
  at: Date;
  action: string;
  batchId: string | null;
  entityId: string | null;
  actorId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
};

export type BatchFacts = {
  id: string;
  status: string;
  createdBy: string;
  description: string;
  methodName: string;
  currency: string;
  totalAmount: string;
  transactionCount: number;
  failedCount: number;
  attentionCode: string | null;
  attentionMessage: string | null;
  rejectionReason: string | null;
  providerStatus: string | null;
};

/** Who gets a notification: the batch's maker, every person who may approve it (not its maker), or admins. */
export type Audience = "maker" | "checkers" | "admins";

export type DerivedNotification = { kind: NotificationKind; audience: Audience[]; title: string; body: string; link: string | null; batchId: string | null };
export type DerivedEvent = { type: WebhookEventType; data: Record<string, unknown> };
export type Derived = { notifications: DerivedNotification[]; events: DerivedEvent[]; transactionsFailed: boolean };

const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" ? (value as Record<string, unknown>) : {});
const str = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** The batch as webhooks describe it: no payee details, amounts as decimal strings. */
export function batchPayload(batch: BatchFacts, previousStatus?: string | null): Record<string, unknown> {
  return {
    id: batch.id,
    status: batch.status,
    ...(previousStatus !== undefined ? { previous_status: previousStatus } : {}),
    method: batch.methodName,
    currency: batch.currency,
    total_amount: batch.totalAmount,
    transaction_count: batch.transactionCount,
    failed_count: batch.failedCount,
    description: batch.description,
    provider_status: batch.providerStatus,
  };
}

const NEXT_STEP: Record<string, string> = {
  outcome_unknown: "Nothing to do yet: the console is looking the payout up by the batch id and will not send it again blindly.",
  not_at_provider: "Open the batch and choose \"Retry submission\": Hello Clever holds nothing for it.",
  provider_validation: "Open the batch, read Hello Clever's message, then fix the data in a new batch or retry the submission.",
  insufficient_funds: "Top up the Hello Clever balance, then open the batch and choose \"Retry submission\".",
};

export function deriveFromAudit(audit: AuditRow, batch: BatchFacts | null): Derived {
  const out: Derived = { notifications: [], events: [], transactionsFailed: false };
  const before = record(audit.before);
  const after = record(audit.after);
  const details = record(audit.details);
  const link = audit.batchId ? `/batches/${audit.batchId}` : null;
  const name = batch ? `"${batch.description}" (${batch.totalAmount} ${batch.currency}, ${batch.transactionCount} transactions)` : "A batch";

  if (audit.action.startsWith("payee.")) {
    const status = str(after.status);
    if (status === "pending_approval" || /submit|request|change|create/.test(audit.action)) {
      out.notifications.push({
        kind: "payee_change_waiting",
        audience: ["checkers"],
        title: "A payee change waits for approval",
        body: "Someone changed a payee's details; a different person must approve the change before it is used.",
        link: "/payees",
        batchId: null,
      });
    }
    return out;
  }

  if (audit.action === "methods.sync" && details.outcome === "unavailable") {
    out.notifications.push({
      kind: "provider_check_failing",
      audience: ["admins"],
      title: "Hello Clever check failing",
      body: `The console could not reach Hello Clever (${str(details.message) ?? "no answer"}). Batches may wait until it answers again; check the credentials and the provider's status.`,
      link: "/admin/methods",
      batchId: null,
    });
    return out;
  }
  if (/^(provider|webhook)[._]/.test(audit.action) && /fail|refus|down|unhealthy/.test(audit.action)) {
    const refused = audit.action.includes("webhook") || audit.action.includes("refus");
    out.notifications.push({
      kind: refused ? "webhooks_refused" : "provider_check_failing",
      audience: ["admins"],
      title: refused ? "Hello Clever webhooks refused" : "Hello Clever check failing",
      body: refused
        ? "Webhooks for a batch were refused (wrong or missing secret). Reconciliation keeps the batch up to date; check the callback configuration."
        : "A check against Hello Clever failed. Batches may wait until it answers again.",
      link,
      batchId: audit.batchId,
    });
    return out;
  }

  if (!batch || !audit.action.startsWith("batch.")) return out;
  const from = str(before.status);
  const to = str(after.status);
  const payload = () => ({ batch: batchPayload(batch, from) });

  if (audit.action === "batch.submit_for_approval" && to === "pending_approval") {
    out.notifications.push({ kind: "approval_waiting", audience: ["checkers"], title: "A batch waits for your approval", body: `${name} was submitted for approval.`, link, batchId: batch.id });
    out.events.push({ type: "batch.pending_approval", data: payload() });
  }
  if (audit.action === "batch.approve" && to === "approved") {
    out.notifications.push({ kind: "batch_approved", audience: ["maker"], title: "Your batch was approved", body: `${name} was approved and is being sent to Hello Clever.`, link, batchId: batch.id });
    out.events.push({ type: "batch.approved", data: payload() });
  }
  if (audit.action === "batch.reject") {
    const reason = str(details.reason) ?? batch.rejectionReason ?? "no reason given";
    out.notifications.push({ kind: "batch_rejected", audience: ["maker"], title: "Your batch was rejected", body: `${name} was rejected: ${reason}`, link, batchId: batch.id });
    out.events.push({ type: "batch.rejected", data: { batch: { ...batchPayload(batch, from), rejection_reason: reason } } });
  }
  if (to === "needs_attention" && from !== "needs_attention") {
    const code = str(after.attentionCode) ?? batch.attentionCode ?? "";
    const step = NEXT_STEP[code] ?? "Open the batch: it says what happened and what you can do next.";
    out.notifications.push({
      kind: "needs_attention",
      audience: ["maker", "admins"],
      title: "A batch needs attention",
      body: `${name} needs attention: ${batch.attentionMessage ?? code.replaceAll("_", " ")}. Next step: ${step}`,
      link,
      batchId: batch.id,
    });
  }
  if (to === "submitted" && from !== "submitted") out.events.push({ type: "batch.submitted", data: payload() });
  if (to && from && to !== from) out.events.push({ type: "batch.status_changed", data: payload() });
  if (to === "completed" && from !== "completed") {
    out.events.push({ type: "batch.completed", data: payload() });
    if (batch.failedCount > 0) {
      out.notifications.push({
        kind: "completed_with_failures",
        audience: ["maker"],
        title: "Your batch completed with failures",
        body: `${name} completed; ${batch.failedCount} of ${batch.transactionCount} transactions failed. The batch page lists each failure and its reason.`,
        link,
        batchId: batch.id,
      });
    }
  }
  const failedBefore = Number(before.failedCount ?? 0);
  const failedAfter = Number(after.failedCount ?? 0);
  if (audit.action === "batch.provider_update" && failedAfter > failedBefore) out.transactionsFailed = true;
  return out;
}
