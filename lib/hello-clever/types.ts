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

export const PAYOUT_STATUSES = ["created", "processing", "scheduled", "completed", "expired", "cancelled"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Documented: `settled`; the portal also shows pending and failed. Others pass through as text. */
export type TransactionStatus = "pending" | "settled" | "failed" | (string & {});

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
    status: z.enum(PAYOUT_STATUSES),
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
    status: p.status,
    /** Carries the per-payout webhook secret: never log it. */
    webhookNotification: p.webhook_notification
      ? { endpointUrl: p.webhook_notification.endpoint_url, authorizationHeader: p.webhook_notification.authorization_header }
      : null,
    scheduledAt: p.scheduled_at ?? null,
    externalId: p.external_id ?? null,
    errorCode: p.error_code ?? null,
    errorMessage: p.error_message ?? null,
    createdAt: p.created_at ?? null,
    transactions: p.payout_transactions,
  }));
export type Payout = z.output<typeof payoutSchema>;

export const payoutPageSchema = z
  .object({
    from_date: z.string().nullish(),
    to_date: z.string().nullish(),
    page: countSchema,
    size: countSchema.nullish(),
    next_page: countSchema.nullish(),
    total_page: countSchema,
    total_count: countSchema,
    records: z.array(payoutSchema),
  })
  .transform((p) => ({
    fromDate: p.from_date ?? null,
    toDate: p.to_date ?? null,
    page: p.page,
    size: p.size ?? null,
    nextPage: p.next_page ?? null,
    totalPage: p.total_page,
    totalCount: p.total_count,
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

const providerErrorSchema = z.object({
  code: z.string().nullish(),
  message: z.string().nullish(),
  field: z.string().nullish(),
});

/** `{ errors: { code, message, field? } }`; an array of those is read too, in case the provider sends several. */
export const errorBodySchema = z.object({ errors: z.union([providerErrorSchema, z.array(providerErrorSchema)]) });

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
  /** Decimal string, e.g. `"250.50"`. */
  amount: string;
  externalId?: string;
  /** Field name → value, keys from the method's payout_method_params. */
  params: Record<string, string>;
}

export interface ListPayoutsQuery {
  /** UTC bounds; the provider accepts at most one year between them. */
  fromDate: Date;
  toDate: Date;
  page?: number;
}
