import type { Payout } from "../hello-clever/types";

/** What a batch records once Hello Clever holds its payout: set by submission and by the lookup that resolves an unknown outcome. */
export function submittedState(payout: Payout, at: Date, submittedAt: Date = at) {
  return {
    status: "submitted" as const,
    providerUuid: payout.uuid,
    providerStatus: payout.status,
    providerTotalAmount: payout.totalAmount,
    submittedAt,
    updatedAt: at,
  };
}

/** The timeline row for that moment. */
export function submittedEvent(batchId: string, source: "submit" | "resolve", payout: Payout) {
  return { batchId, source, providerStatus: payout.status, outcome: "applied", detail: { uuid: payout.uuid, totalAmount: payout.totalAmount } };
}
