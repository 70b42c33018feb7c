import { describe, expect, it } from "vitest";
import { approvalsNeededFor, mayCancelScheduled, mayDecide, mayEditDraft, mayRetrySubmission, type BatchForPolicy } from "./batches";
import type { PolicyActor } from "./policy-actor";

const maker: PolicyActor = { kind: "user", id: "maker", roles: ["operator"] };
const approver: PolicyActor = { kind: "user", id: "approver", roles: ["approver"] };
const admin: PolicyActor = { kind: "user", id: "admin", roles: ["admin"] };
const auditor: PolicyActor = { kind: "user", id: "auditor", roles: ["auditor"] };
const apiKey: PolicyActor = { kind: "api_key", id: "key", roles: ["operator", "approver"] };
const pending: BatchForPolicy = { status: "pending_approval", createdBy: "maker" };

describe("batch policy", () => {
  it("lets an approver or admin decide on someone else's pending batch", () => {
    expect(mayDecide(approver, pending)).toEqual({ allowed: true });
    expect(mayDecide(admin, pending)).toEqual({ allowed: true });
  });

  it("refuses the maker (maker-checker), whatever their role", () => {
    expect(mayDecide({ ...admin, id: "maker" }, pending)).toMatchObject({ allowed: false, reason: "maker_checker" });
  });

  it("refuses roles without the permission, API keys, and batches no longer pending", () => {
    expect(mayDecide(auditor, pending)).toMatchObject({ allowed: false, reason: "no_permission" });
    expect(mayDecide(apiKey, pending)).toMatchObject({ allowed: false, reason: "no_permission" });
    expect(mayDecide(approver, { ...pending, status: "approved" })).toMatchObject({ allowed: false, reason: "wrong_state" });
  });

  it("lets only the maker edit, and only a draft", () => {
    expect(mayEditDraft(maker, { status: "draft", createdBy: "maker" })).toEqual({ allowed: true });
    expect(mayEditDraft({ ...admin }, { status: "draft", createdBy: "maker" })).toMatchObject({ reason: "not_owner" });
    expect(mayEditDraft(maker, { status: "pending_approval", createdBy: "maker" })).toMatchObject({ reason: "wrong_state" });
  });

  it("allows a retry only where Hello Clever certainly holds nothing", () => {
    const refused: BatchForPolicy = { status: "needs_attention", createdBy: "maker", attentionCode: "provider_validation" };
    expect(mayRetrySubmission(maker, refused)).toEqual({ allowed: true });
    expect(mayRetrySubmission(approver, refused)).toEqual({ allowed: true });
    expect(mayRetrySubmission(auditor, refused)).toMatchObject({ reason: "no_permission" });
    expect(mayRetrySubmission(maker, { ...refused, attentionCode: "outcome_unknown" })).toMatchObject({ reason: "wrong_state" });
  });

  it("allows cancelling a scheduled payout to its maker or an admin while it waits", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const waiting: BatchForPolicy = { status: "submitted", createdBy: "maker", providerUuid: "P1", providerStatus: "created", scheduledAt: new Date("2026-01-02T00:00:00Z") };
    expect(mayCancelScheduled(maker, waiting, now)).toEqual({ allowed: true });
    expect(mayCancelScheduled(admin, waiting, now)).toEqual({ allowed: true });
    expect(mayCancelScheduled(approver, waiting, now)).toMatchObject({ reason: "no_permission" });
    expect(mayCancelScheduled(maker, { ...waiting, scheduledAt: new Date("2025-12-31T00:00:00Z") }, now)).toMatchObject({ reason: "wrong_state" });
  });

  it("needs two approvals only above the threshold", () => {
    expect(approvalsNeededFor("10000.00", "10000")).toBe(1);
    expect(approvalsNeededFor("10000.01", "10000")).toBe(2);
  });
});
