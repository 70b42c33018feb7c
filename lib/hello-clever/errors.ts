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
  cause?: unknown;
}

/** Every failure of the Hello Clever client; `kind` says what the caller can do about it. */
export abstract class HelloCleverError extends Error {
  abstract readonly kind: HelloCleverErrorKind;
  readonly operation: string;
  readonly httpStatus: number | null;
  readonly providerCode: string | null;

  constructor(message: string, context: HelloCleverErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = new.target.name;
    this.operation = context.operation;
    this.httpStatus = context.httpStatus ?? null;
    this.providerCode = context.providerCode ?? null;
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

/** 400/422: the provider refused the request's content; nothing was created. */
export class HelloCleverValidationError extends HelloCleverError {
  readonly kind = "validation";
  constructor(
    message: string,
    readonly fieldErrors: HelloCleverFieldError[],
    context: HelloCleverErrorContext,
  ) {
    super(message, context);
  }
}

/** HC_PAYOUT1: the balance does not cover the payout; nothing was created. */
export class HelloCleverInsufficientFundsError extends HelloCleverError {
  readonly kind = "insufficient_funds";
  constructor(context: HelloCleverErrorContext) {
    super("Insufficient funds: top up your Hello Clever balance", { ...context, providerCode: context.providerCode ?? "HC_PAYOUT1" });
  }
}

/** HC_PAYOUT2: the balance is short and Hello Clever will charge the PayTo agreement instead. */
export class HelloCleverPayToChargeError extends HelloCleverError {
  readonly kind = "payto_charge";
  constructor(context: HelloCleverErrorContext) {
    super("Insufficient balance: Hello Clever will charge your PayTo agreement to pay out", {
      ...context,
      providerCode: context.providerCode ?? "HC_PAYOUT2",
    });
  }
}

/** 404: no such payout (or route). */
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
