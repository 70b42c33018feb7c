/** Stable names the UI and the submission logic branch on; never change a value once shipped. */
export type HelloCleverErrorKind =
  | "authentication"
  | "validation"
  | "insufficient_funds"
  | "payto_charge"
  | "not_found"
  | "rejected"
  | "outcome_unknown"
  | "unavailable"
  | "protocol";

export interface HelloCleverErrorContext {
  /** The client function that failed, e.g. `createPayout`. */
  operation: string;
  /** The HTTP status, when an answer arrived. */
  httpStatus?: number | null;
  /** The provider's `errors.code`, e.g. `HC_PAYOUT1`. */
  providerCode?: string | null;
  /** The provider's own words (the first message of the error body), when it sent any. */
  providerMessage?: string | null;
  /** Every field/message pair read from the error body (any documented shape). */
  fieldErrors?: HelloCleverFieldError[];
  /** False when an error answer arrived but its body could not be read in any documented shape. */
  bodyReadable?: boolean;
  cause?: unknown;
}

/** Every failure of the Hello Clever client; `kind` says what the caller can do about it. */
export abstract class HelloCleverError extends Error {
  abstract readonly kind: HelloCleverErrorKind;
  readonly operation: string;
  readonly httpStatus: number | null;
  readonly providerCode: string | null;
  readonly providerMessage: string | null;
  readonly fieldErrors: HelloCleverFieldError[];
  /** False when an error answer's body could not be read: after a create, the payout may exist. */
  readonly bodyReadable: boolean;

  constructor(message: string, context: HelloCleverErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.operation = context.operation;
    this.httpStatus = context.httpStatus ?? null;
    this.providerCode = context.providerCode ?? null;
    this.providerMessage = context.providerMessage ?? null;
    this.fieldErrors = context.fieldErrors ?? [];
    this.bodyReadable = context.bodyReadable ?? true;
  }

  /** `HC_PAYOUT1`/`HC_PAYOUT2` when the answer carried one: the payout exists at Hello Clever. */
  get holdCode(): "HC_PAYOUT1" | "HC_PAYOUT2" | null {
    const code = this.providerCode?.trim().toUpperCase();
    return code === "HC_PAYOUT1" || code === "HC_PAYOUT2" ? code : null;
  }

  /**
   * True when, after a write, Hello Clever may hold what was sent: a hold code, an unknown
   * outcome, or an error body that could not be read. The caller must look the payout up by
   * its external_id before anything else; never post it again. Never retryable.
   */
  get payoutMayExist(): boolean {
    return this.holdCode !== null || this.kind === "outcome_unknown" || !this.bodyReadable;
  }
}

/** 401: the app id or secret key is wrong or missing. */
export class HelloCleverAuthenticationError extends HelloCleverError {
  readonly kind = "authentication";
}

export interface HelloCleverFieldError {
  /** The provider's field path (e.g. `payout_transaction_details[3].first_name`), null when it names none. */
  field: string | null;
  message: string;
}

/**
 * 400/422 (and a refused amount before sending): the provider refused the request's content.
 * `fieldErrors` has every field the provider named, with its words.
 */
export class HelloCleverValidationError extends HelloCleverError {
  readonly kind = "validation";
  constructor(message: string, fieldErrors: HelloCleverFieldError[], context: HelloCleverErrorContext) {
    super(message, { ...context, fieldErrors });
  }
}

/**
 * HC_PAYOUT1 in an error answer: documented only as a payout's own error_code, so the payout
 * MAY EXIST (created, waiting for a top-up, then expired). Look it up; never retry.
 */
export class HelloCleverInsufficientFundsError extends HelloCleverError {
  readonly kind = "insufficient_funds";
  constructor(context: HelloCleverErrorContext) {
    super(`Hello Clever: ${context.providerMessage ?? "Insufficient funds to payout. Please topup balance in dashboard"} (HC_PAYOUT1)`, {
      ...context,
      providerCode: "HC_PAYOUT1",
    });
  }
}

/**
 * HC_PAYOUT2 in an error answer: the docs say Hello Clever will charge the PayTo agreement and
 * pay out, so the payout MAY EXIST and proceed. Look it up; never retry.
 */
export class HelloCleverPayToChargeError extends HelloCleverError {
  readonly kind = "payto_charge";
  constructor(context: HelloCleverErrorContext) {
    super(`Hello Clever: ${context.providerMessage ?? "Insufficient Balance. Hello Clever will charge your PayTo agreement to pay out"} (HC_PAYOUT2)`, {
      ...context,
      providerCode: "HC_PAYOUT2",
    });
  }
}

/** 404, or a 422 on a read by uuid (the docs list no 404 there): no such payout (or route). */
export class HelloCleverNotFoundError extends HelloCleverError {
  readonly kind = "not_found";
}

/** Any other 4xx: the provider refused the request as a whole; nothing was done. */
export class HelloCleverRejectedError extends HelloCleverError {
  readonly kind = "rejected";
}

/**
 * A create or cancel was sent but no definite answer came back (timeout, 5xx, dropped
 * connection, unreadable 200). The provider may or may not have acted: resolve by looking the
 * payout up (findPayoutByExternalId), never by sending it again.
 */
export class HelloCleverOutcomeUnknownError extends HelloCleverError {
  readonly kind = "outcome_unknown";
}

/** The provider could not be reached or kept failing (after retries, for reads). Nothing was changed. */
export class HelloCleverUnavailableError extends HelloCleverError {
  readonly kind = "unavailable";
}

export interface HelloCleverSchemaIssue {
  /** Where in the response body, e.g. `payout_transactions[0].amount`. */
  path: string;
  message: string;
}

/** The answer did not have the documented shape (a required field missing or malformed). */
export class HelloCleverProtocolError extends HelloCleverError {
  readonly kind = "protocol";
  constructor(
    message: string,
    readonly issues: HelloCleverSchemaIssue[],
    context: HelloCleverErrorContext,
  ) {
    super(message, context);
  }
}
