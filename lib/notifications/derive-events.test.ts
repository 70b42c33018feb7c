import { describe, expect, it } from "vitest";
import { deriveFromAudit, type AuditRow, type BatchFacts } from "./derive-events";

const batch: BatchFacts = {
  id: "b1",
  status: "completed",
  createdBy: "maker",
  description: "March payroll",
  methodName: "ph_bank_maya_php",
  currency: "PHP",
  totalAmount: "1000.00",
  transactionCount: 4,
  failedCount: 1,
  attentionCode: null,
  attentionMessage: null,
  rejectionReason: null,
  providerStatus: "completed",
};
const audit = (action: string, before: unknown, after: unknown, details: unknown = null): AuditRow => ({ id: 1, at: new Date(), action, batchId: "b1", entityId: "b1", actorId: null, before, after, details });

describe("events derived from the audit trail", () => {
  it("a batch waiting for approval goes to the checkers and fires batch.pending_approval", () => {
    const out = deriveFromAudit(audit("batch.submit_for_approval", { status: "draft" }, { status: "pending_approval" }), { ...batch, status: "pending_approval" });
    expect(out.notifications).toMatchObject([{ kind: "approval_waiting", audience: ["checkers"], link: "/batches/b1" }]);
    expect(out.events.map((e) => e.type)).toEqual(["batch.pending_approval", "batch.status_changed"]);
  });

  it("completion with failures tells the maker and fires batch.completed and status_changed", () => {
    const out = deriveFromAudit(audit("batch.provider_update", { status: "scheduled", failedCount: 0 }, { status: "completed", failedCount: 1 }), batch);
    expect(out.notifications).toMatchObject([{ kind: "completed_with_failures", audience: ["maker"] }]);
    expect(out.notifications[0]!.body).toContain("1 of 4 transactions failed");
    expect(out.events.map((e) => e.type).sort()).toEqual(["batch.completed", "batch.status_changed"]);
    expect(out.transactionsFailed).toBe(true);
  });

  it("needs attention goes to the maker and admins with the next step", () => {
    const out = deriveFromAudit(audit("batch.submission_fail", { status: "submitting" }, { status: "needs_attention", attentionCode: "insufficient_funds" }), { ...batch, status: "needs_attention", attentionMessage: "Hello Clever refused: balance too low" });
    expect(out.notifications).toMatchObject([{ kind: "needs_attention", audience: ["maker", "admins"] }]);
    expect(out.notifications[0]!.body).toMatch(/Top up the Hello Clever balance/);
  });

  it("a rejection carries its reason; approval, submission and payee changes have theirs", () => {
    expect(deriveFromAudit(audit("batch.reject", { status: "pending_approval" }, { status: "rejected" }, { reason: "Wrong bank" }), batch).notifications[0]!.body).toContain("Wrong bank");
    expect(deriveFromAudit(audit("batch.approve", { status: "pending_approval" }, { status: "approved" }), batch).events[0]!.type).toBe("batch.approved");
    expect(deriveFromAudit(audit("batch.approve", { status: "pending_approval" }, { status: "pending_approval" }), batch).notifications).toEqual([]);
    expect(deriveFromAudit(audit("batch.submit", { status: "submitting" }, { status: "submitted" }), batch).events.map((e) => e.type)).toContain("batch.submitted");
    expect(deriveFromAudit({ ...audit("payee.change_request", null, { status: "pending_approval" }), batchId: null }, null).notifications[0]!.kind).toBe("payee_change_waiting");
    expect(deriveFromAudit({ ...audit("methods.sync", null, null, { outcome: "unavailable", message: "timeout" }), batchId: null }, null).notifications[0]!.kind).toBe("provider_check_failing");
  });

  it("webhook bodies carry no payee details", () => {
    const out = deriveFromAudit(audit("batch.provider_update", { status: "scheduled" }, { status: "completed" }), batch);
    expect(JSON.stringify(out.events)).not.toMatch(/account/);
  });
});
