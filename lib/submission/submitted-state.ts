import type { Payout } from "../hello-clever/types";

/**
 * What a batch records the moment Hello Clever is known to hold its payout (submission, and the
 * lookup that resolves an unknown outcome); the payout itself (status, total, error code, every
 * transaction) is then applied through applyPayout, the webhook's path, in the same transaction.
 */
export function submittedState(payout: Payout, at: Date, submittedAt: Date = at) {
  return {
    status: "submitted" as const,
    providerUuid: payout.uuid,
    submittedAt,
    updatedAt: at,
  };
}
