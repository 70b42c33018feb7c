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
 * holds nothing for the batch (it refused the request, or a lookup found nothing). Never from
 * `outcome_unknown`, where the payout may exist.
 */
export const RETRYABLE_ATTENTION_CODES: readonly AttentionCode[] = [
  "not_at_provider",
  "provider_validation",
  "insufficient_funds",
  "payto_charge",
  "provider_rejected",
  "provider_unreachable",
  "insecure_callback",
];

export function isRetryableAttention(code: string | null): boolean {
  return RETRYABLE_ATTENTION_CODES.includes(code as AttentionCode);
}

/** The sentence stored in attention_message for each code (the provider's own words go in details). */
export const ATTENTION_MESSAGES: Record<AttentionCode, string> = {
  outcome_unknown:
    "outcome unknown: Hello Clever did not answer clearly, so it may or may not have the payout. It is being looked up by the batch id and will not be sent again blindly.",
  not_at_provider: "Hello Clever has no payout for this batch: the earlier attempt never reached it. Nothing was sent; you may retry the submission.",
  provider_validation: "Hello Clever refused the batch: see its message for each field. Nothing was created.",
  insufficient_funds: "insufficient funds: top up your Hello Clever balance, then retry",
  payto_charge: "insufficient balance: Hello Clever would charge your PayTo agreement to pay out, so nothing was created. Top up your Hello Clever balance, then retry",
  provider_rejected: "Hello Clever refused the request. Nothing was created.",
  provider_unreachable: "Could not connect to Hello Clever, so nothing was sent. Retry once it is reachable.",
  insecure_callback: "Not sent: PUBLIC_BASE_URL must be https to submit to the real Hello Clever. Fix the setting, then retry.",
  payload_mismatch:
    "Not sent: the rows about to be sent differ from what was approved (payload hash mismatch). Nothing left for Hello Clever; submit the batch for approval again.",
};
