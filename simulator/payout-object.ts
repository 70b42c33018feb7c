import { formatProviderTime } from "./dates";
import type { SimPayout } from "./state";

/** The payout as detail, list, create and webhooks show it. */
export function toPayoutObject(payout: SimPayout) {
  return {
    uuid: payout.uuid,
    currency: payout.currency,
    payout_method_name: payout.payout_method_name,
    description: payout.description,
    total_amount: payout.total_amount,
    status: payout.status,
    webhook_notification: payout.webhook_notification,
    scheduled_at: payout.scheduled_at === null ? null : formatProviderTime(payout.scheduled_at),
    external_id: payout.external_id,
    error_code: payout.error_code,
    error_message: payout.error_message,
    created_at: formatProviderTime(payout.created_at),
    // The docs promise no order: transactions come back in reverse of the order sent, so a client
    // matching by position fails every test with two or more transactions.
    payout_transactions: [...payout.transactions].reverse().map((tx) => ({
      uuid: tx.uuid,
      balance_id: tx.balance_id,
      payee: `${tx.first_name} ${tx.last_name}`,
      amount: tx.amount,
      external_id: tx.external_id,
      payout_method_params: tx.payout_method_params,
      status: tx.status,
      error_message: tx.error_message,
      created_at: formatProviderTime(tx.created_at),
    })),
  };
}

export type PayoutObject = ReturnType<typeof toPayoutObject>;
