// Client-safe (no database imports): the batch page and the submission code share these.

/** Why a batch in `needs_attention` needs a person (stored in batches.attention_code). */
export const ATTENTION_CODES = [
  "outcome_unknown",
  "not_at_provider",
  "provider_validation",
  "insufficient_funds",
  "payto_charge",
  "provider_rejected",
  "provider_unreachable",
  "insecure_callback",
  "payload_mismatch",
] as const;
export type AttentionCode = (typeof ATTENTION_CODES)[number];

/**
 * At-most-once: a submission may be retried only from states in which Hello Clever certainly
 * holds nothing for the batch (it refused the request without an HC_PAYOUT code, or a lookup
 * found nothing). Never from `outcome_unknown`, `insufficient_funds` (HC_PAYOUT1) or
 * `payto_charge` (HC_PAYOUT2): the documentation gives those codes as the payout's own, so the
 * payout may exist; they are looked up by external_id first (LOOKUP_ATTENTION_CODES).
 */
export const RETRYABLE_ATTENTION_CODES: readonly AttentionCode[] = [
  "not_at_provider",
  "provider_validation",
  "provider_rejected",
  "provider_unreachable",
  "insecure_callback",
];

/** The states in which Hello Clever may hold the payout: resolved by looking it up by external_id, never by posting again. */
export const LOOKUP_ATTENTION_CODES: readonly AttentionCode[] = ["outcome_unknown", "insufficient_funds", "payto_charge"];

export function needsLookup(code: string | null): boolean {
  return LOOKUP_ATTENTION_CODES.includes(code as AttentionCode);
}

export function isRetryableAttention(code: string | null): boolean {
  return RETRYABLE_ATTENTION_CODES.includes(code as AttentionCode);
}

/** The sentence stored in attention_message for each code (the provider's own words go in details). */
export const ATTENTION_MESSAGES: Record<AttentionCode, string> = {
  outcome_unknown:
    "outcome unknown: Hello Clever did not answer clearly, so it may or may not have the payout. It is being looked up by the batch id and will not be sent again blindly.",
  not_at_provider: "Hello Clever has no payout for this batch: the earlier attempt never reached it. Nothing was sent; you may retry the submission.",
  provider_validation: "Hello Clever refused the batch: see its message for each field. Nothing was created.",
  insufficient_funds:
    "insufficient funds (HC_PAYOUT1): top up your Hello Clever balance. Hello Clever may hold the payout until the top-up, so it is being looked up by the batch id and will not be sent again.",
  payto_charge:
    "insufficient balance (HC_PAYOUT2): Hello Clever will charge your PayTo agreement to pay out. It may hold the payout, so it is being looked up by the batch id and will not be sent again.",
  provider_rejected: "Hello Clever refused the request. Nothing was created.",
  provider_unreachable: "Could not connect to Hello Clever, so nothing was sent. Retry once it is reachable.",
  insecure_callback: "Not sent: PUBLIC_BASE_URL must be https to submit to the real Hello Clever. Fix the setting, then retry.",
  payload_mismatch:
    "Not sent: the rows about to be sent differ from what was approved (payload hash mismatch). Nothing left for Hello Clever; submit the batch for approval again.",
};

/** The insufficient-funds sentence naming the currency to top up. */
export function insufficientFundsMessage(currency: string): string {
  return `insufficient funds (HC_PAYOUT1): top up your ${currency} balance in the Hello Clever dashboard. Hello Clever may hold the payout until the top-up, so it is being looked up by the batch id and will not be sent again.`;
}

/**
 * The next step for a provider error code on the batch (create refusal or the payout's own
 * error_code): what the operator should do, in the page's words. Null for codes with none.
 */
export function providerErrorNextStep(code: string | null, currency: string): string | null {
  if (code === "HC_PAYOUT1") return `Top up your ${currency} balance in the Hello Clever dashboard: Hello Clever holds the payout until then (it expires if the top-up never comes).`;
  if (code === "HC_PAYOUT2") return "Hello Clever will charge your PayTo agreement to pay out: nothing to send again, the payout proceeds.";
  return null;
}
