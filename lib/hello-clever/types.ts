import Decimal from "decimal.js";
import { z } from "zod";

// Response schemas for the Hello Clever payouts API (see ../shared/hello-clever/API.md).
// Extra fields are ignored; a required field missing or malformed fails the parse, and the
// client turns that into a HelloCleverProtocolError naming the field. Money stays a decimal
// string: a JSON number from the provider is converted without going through float arithmetic.

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** A money amount as a decimal string, whether the provider sent `"100.00"` or `100`. */
export const decimalStringSchema = z.union([
  z.string().regex(DECIMAL_TEXT, "expected a decimal string"),
  z.number().refine(Number.isFinite, "expected a finite number").transform((n) => new Decimal(n).toFixed()),
]);

/** Param values come back as strings or JSON numbers (the docs show both); the client keeps strings. */
const paramValueSchema = z.union([z.string(), z.number()]).transform(String);
const textOrNumberSchema = z.union([z.string(), z.number()]).transform(String);
const countSchema = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]);

/** The payout statuses the docs name (plus `cancelled`, which a cancel leads to). */
export const KNOWN_PAYOUT_STATUSES = ["created", "processing", "scheduled", "completed", "expired", "cancelled"] as const;
export type KnownPayoutStatus = (typeof KNOWN_PAYOUT_STATUSES)[number];
/** @deprecated use KNOWN_PAYOUT_STATUSES: the provider may send others. */
export const PAYOUT_STATUSES = KNOWN_PAYOUT_STATUSES;
/**
 * A payout status as the provider sent it. The known ones are typed; any other text is kept as
 * sent (never a parse failure): treat it as not terminal and show it as "Unknown status: X".
 */
export type PayoutStatus = KnownPayoutStatus | (string & {});

export function isKnownPayoutStatus(status: string): status is KnownPayoutStatus {
  return (KNOWN_PAYOUT_STATUSES as readonly string[]).includes(status);
}

/** Documented: `settled`; the portal also shows pending and failed. Others pass through as text. */
export const KNOWN_TRANSACTION_STATUSES = ["pending", "settled", "failed"] as const;
export type KnownTransactionStatus = (typeof KNOWN_TRANSACTION_STATUSES)[number];
export type TransactionStatus = KnownTransactionStatus | (string & {});

export function isKnownTransactionStatus(status: string): status is KnownTransactionStatus {
  return (KNOWN_TRANSACTION_STATUSES as readonly string[]).includes(status);
}

/**
 * The documented batch error codes. Both mean the payout EXISTS at Hello Clever (HC_PAYOUT1: it
 * waits for a top-up, then expires; HC_PAYOUT2: it proceeds, charging the PayTo agreement).
 * Never a reason to post the batch again.
 */
export const HOLD_CODES = ["HC_PAYOUT1", "HC_PAYOUT2"] as const;
export type HoldCode = (typeof HOLD_CODES)[number];

export function holdCodeOf(code: string | null | undefined): HoldCode | null {
  const upper = code?.trim().toUpperCase();
  return upper === "HC_PAYOUT1" || upper === "HC_PAYOUT2" ? upper : null;
}

/** The provider's words for each hold code (detail docs), for when an answer carries the code alone. */
export const HOLD_CODE_MESSAGES: Record<HoldCode, string> = {
  HC_PAYOUT1: "Insufficient funds to payout. Please topup balance in dashboard",
  HC_PAYOUT2: "Insufficient Balance. Hello Clever will charge your PayTo agreement to pay out",
};

/**
 * Reads a provider time: the documented `2023-04-01T00:00:00.000+0000`, ISO 8601 (`Z`,
 * `+00:00`, no zone = UTC), or `YYYY-MM-DD HH:mm:ss`. Null for anything else (never throws).
 */
export function parseProviderDate(text: string | null | undefined): Date | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone = "Z"] = match;
  const ms = Number((frac + "000").slice(0, 3));
  let offsetMin = 0;
  if (zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms) - offsetMin * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) return null;
  // Reject impossible calendar values (2023-02-30) rather than rolling them over.
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  return date;
}

export const methodSummarySchema = z
  .object({
    payout_method_name: z.string().min(1),
    currency: z.string().min(1),
    description: z.string().nullish(),
  })
  .transform((m) => ({ payoutMethodName: m.payout_method_name, currency: m.currency, description: m.description ?? null }));
export type PayoutMethodSummary = z.output<typeof methodSummarySchema>;

export const listMethodsResponseSchema = z.object({ records: z.array(methodSummarySchema) });

export const bankSchema = z
  .object({ code: textOrNumberSchema, name: z.string(), short_name: z.string().nullish() })
  .transform((b) => ({ code: b.code, name: b.name, shortName: b.short_name ?? null }));
export type Bank = z.output<typeof bankSchema>;

export const methodDetailsSchema = z
  .object({
    currency: z.string().min(1),
    symbol: z.string().nullish(),
    logo: z.string().nullish(),
    payout_method_name: z.string().min(1),
    description: z.string(),
    payment_type: z.string(),
    payout_method_params: z.record(z.string(), z.string()),
    banks: z.array(bankSchema),
    min_amount: decimalStringSchema,
    max_amount: decimalStringSchema,
    is_refundable: z.boolean().nullish(),
    is_cancellable: z.boolean().nullish(),
    require_contact: z.boolean().nullish(),
    require_kyc: z.boolean().nullish(),
  })
  .transform((m) => ({
    payoutMethodName: m.payout_method_name,
    currency: m.currency,
    symbol: m.symbol ?? null,
    logo: m.logo ?? null,
    description: m.description,
    paymentType: m.payment_type,
    /** Field name → spec string, e.g. `"string:Mandatory Bank Account Number"` (parsed by lib/methods). */
    payoutMethodParams: m.payout_method_params,
    banks: m.banks,
    minAmount: m.min_amount,
    maxAmount: m.max_amount,
    isRefundable: m.is_refundable ?? false,
    isCancellable: m.is_cancellable ?? false,
    requireContact: m.require_contact ?? false,
    requireKyc: m.require_kyc ?? false,
  }));
export type PayoutMethodDetails = z.output<typeof methodDetailsSchema>;

export const methodParamsResponseSchema = z.object({ record: methodDetailsSchema });

export const payoutTransactionSchema = z
  .object({
    uuid: z.string().min(1),
    balance_id: z.string().nullish(),
    payee: z.string().nullish(),
    amount: decimalStringSchema,
    external_id: textOrNumberSchema.nullish(),
    payout_method_params: z.record(z.string(), paramValueSchema).nullish(),
    status: z.string().min(1),
    error_message: z.string().nullish(),
    created_at: z.string().nullish(),
  })
  .transform((t) => ({
    /** Known statuses typed; any other provider text kept as sent. */
    uuid: t.uuid,
    balanceId: t.balance_id ?? null,
    payee: t.payee ?? null,
    amount: t.amount,
    externalId: t.external_id ?? null,
    payoutMethodParams: t.payout_method_params ?? {},
    status: t.status as TransactionStatus,
    errorMessage: t.error_message ?? null,
    createdAt: t.created_at ?? null,
  }));
export type PayoutTransaction = z.output<typeof payoutTransactionSchema>;

/** The payout object of create, detail, list records and (assumed) webhook bodies. */
export const payoutSchema = z
  .object({
    uuid: z.string().min(1),
    currency: z.string().min(1),
    payout_method_name: z.string().min(1),
    description: z.string(),
    total_amount: decimalStringSchema,
    status: z.string().min(1),
    webhook_notification: z.object({ endpoint_url: z.string(), authorization_header: z.string() }).nullish(),
    scheduled_at: z.string().nullish(),
    external_id: textOrNumberSchema.nullish(),
    error_code: z.string().nullish(),
    error_message: z.string().nullish(),
    created_at: z.string().nullish(),
    payout_transactions: z.array(payoutTransactionSchema),
  })
  .transform((p) => ({
    uuid: p.uuid,
    currency: p.currency,
    payoutMethodName: p.payout_method_name,
    description: p.description,
    totalAmount: p.total_amount,
    /** Known statuses typed; any other provider text kept as sent (see isKnownPayoutStatus). */
    status: p.status as PayoutStatus,
    /** Carries the per-payout webhook secret: never log it. */
    webhookNotification: p.webhook_notification
      ? { endpointUrl: p.webhook_notification.endpoint_url, authorizationHeader: p.webhook_notification.authorization_header }
      : null,
    scheduledAt: p.scheduled_at ?? null,
    externalId: p.external_id ?? null,
    /** The batch's error code as sent; `holdCodeOf(errorCode)` names HC_PAYOUT1/HC_PAYOUT2 (the payout exists: never post it again). */
    errorCode: p.error_code ?? null,
    errorMessage: p.error_message ?? null,
    /** Provider text (`2023-04-01T00:00:00.000+0000` or ISO); parse with parseProviderDate. */
    createdAt: p.created_at ?? null,
    /** In no documented order: match by `externalId`, never by position. */
    transactions: p.payout_transactions,
  }));
export type Payout = z.output<typeof payoutSchema>;

export const payoutPageSchema = z
  .object({
    from_date: z.string().nullish(),
    to_date: z.string().nullish(),
    page: countSchema.nullish(),
    size: countSchema.nullish(),
    next_page: countSchema.nullish(),
    total_page: countSchema.nullish(),
    total_count: countSchema.nullish(),
    records: z.array(payoutSchema),
  })
  .transform((p) => ({
    fromDate: p.from_date ?? null,
    toDate: p.to_date ?? null,
    page: p.page ?? null,
    size: p.size ?? null,
    /** As sent; the docs' example has `next_page: 2` with `total_page: 1`: never page on this alone. */
    nextPage: p.next_page ?? null,
    totalPage: p.total_page ?? null,
    totalCount: p.total_count ?? null,
    records: p.records,
  }));
export type PayoutPage = z.output<typeof payoutPageSchema>;

export const cancelResponseSchema = z.object({ status: z.string().min(1) });
export type CancelResult = z.output<typeof cancelResponseSchema>;

export const balanceSchema = z
  .object({
    currency: z.string().nullish(),
    available_balance: decimalStringSchema,
    incoming_balance: decimalStringSchema,
    outgoing_balance: decimalStringSchema,
    rolling_reserve_balance: decimalStringSchema,
    withdrawable_balance: decimalStringSchema,
  })
  .transform((b) => ({
    currency: b.currency ?? null,
    availableBalance: b.available_balance,
    incomingBalance: b.incoming_balance,
    outgoingBalance: b.outgoing_balance,
    rollingReserveBalance: b.rolling_reserve_balance,
    withdrawableBalance: b.withdrawable_balance,
  }));
export type Balance = z.output<typeof balanceSchema>;


/** What createPayout sends. Amounts and param values are decimal/plain strings, never JS numbers. */
export interface CreatePayoutInput {
  currency: string;
  payoutMethodName: string;
  /** 5 to 90 characters. */
  description: string;
  /** When to pay out; a Date is sent as UTC `YYYY-MM-DDTHH:mm:ss`. */
  scheduledAt?: Date | null;
  webhook: { endpointUrl: string; authorizationHeader: string };
  /** The merchant's reference for the whole payout (the batch id), used to find it after an unknown outcome. */
  externalId?: string;
  transactions: CreatePayoutTransactionInput[];
}

export interface CreatePayoutTransactionInput {
  firstName: string;
  lastName: string;
  email: string;
  /**
   * Decimal string, e.g. `"250.50"`, `"1500"`: sent as a JSON NUMBER with exactly this text
   * (`"amount":250.50`), never through a JS float. Anything but plain digits with an optional
   * fraction is refused before sending (HelloCleverValidationError naming the field).
   */
  amount: string;
  /** Per-transaction reference, passed through as given (the domain decides its value); matches the provider's transaction back to the row. */
  externalId?: string;
  /** Field name → value, keys from the method's payout_method_params. Sent as the strings typed (leading zeros matter). */
  params: Record<string, string>;
}

/** Options of a single call. */
export interface CallOptions {
  /** Which currency's credentials to use (HELLO_CLEVER_CREDENTIALS); the default pair when unset or not listed. */
  currency?: string | null;
}

export interface ListPayoutsQuery extends CallOptions {
  /** UTC bounds; the provider accepts at most one year between them. */
  fromDate: Date;
  toDate: Date;
  page?: number;
}
