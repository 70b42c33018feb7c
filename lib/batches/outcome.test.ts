import { describe, expect, it } from "vitest";
import { announceStatus, batchOutcome, outcomeSummary, transactionStatusLabel } from "./outcome";

describe("batch outcome", () => {
  it("says Completed only when every transaction settled", () => {
    expect(batchOutcome({ status: "completed", failedCount: 0 })).toEqual({ label: "Completed", tone: "success" });
    expect(batchOutcome({ status: "completed", failedCount: 1 })).toEqual({ label: "Completed with failures", tone: "warning" });
    expect(batchOutcome({ status: "cancelled", failedCount: 3 })).toEqual({ label: "Cancelled", tone: "neutral" });
  });

  it("sums up what happened to the money", () => {
    const summary = outcomeSummary({ status: "completed", currency: "MYR", transactionCount: 46, failedCount: 1, paidCount: 45, paidAmount: "119470.99" });
    expect(summary).toBe("45 paid · 1 failed · MYR\u00a0119,470.99 paid");
    expect(outcomeSummary({ status: "cancelled", currency: "PHP", transactionCount: 2, failedCount: 2, paidCount: 0, paidAmount: "0" })).toBe("0 paid · 2 cancelled · PHP\u00a00.00 paid");
    expect(outcomeSummary({ status: "processing", currency: "PHP", transactionCount: 2, failedCount: 0, paidCount: null, paidAmount: null })).toBeNull();
  });

  it("announces a status change in words", () => {
    expect(announceStatus("5eb528f1-0000-4000-8000-000000000000", { status: "completed", failedCount: 1 })).toBe("Batch 5eb528f1: completed with 1 failure");
    expect(announceStatus("5eb528f1-0000-4000-8000-000000000000", { status: "pending_approval", failedCount: 0 })).toBe("Batch 5eb528f1: pending approval");
  });

  it("shows rows of a cancelled or expired payout as such, not as failed", () => {
    expect(transactionStatusLabel("failed", "cancelled")).toEqual({ label: "Cancelled", tone: "neutral" });
    expect(transactionStatusLabel("failed", "expired")).toEqual({ label: "Expired", tone: "neutral" });
    expect(transactionStatusLabel("failed", "completed")).toEqual({ label: "failed", tone: "danger" });
  });
});
