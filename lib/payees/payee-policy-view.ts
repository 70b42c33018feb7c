import type { Payee } from "../db/schema";
import type { PayeeForPolicy } from "../policy/payees";

/** What the payee rules read of a payee (pages and verbs ask the same policy). */
export function payeeForPolicyView(payee: Pick<Payee, "status" | "createdBy" | "pendingBy" | "pending">): PayeeForPolicy {
  return { status: payee.status, createdBy: payee.createdBy, pendingBy: payee.pendingBy, hasPendingChange: payee.pending !== null };
}
