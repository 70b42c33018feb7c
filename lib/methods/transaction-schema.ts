import { z } from "zod";
import { compareAmounts, formatAmount, parseAmount } from "@/lib/money";
import type { MethodForForm, ParsedField } from "./schemas";

// DESIGN "Dynamic forms": this file is the one place a method's fields become validation.
// react-hook-form (zodResolver), the server action and every CSV row use the same schema.

/** The console's batch size limit (the provider documents none). */
export const MAX_TRANSACTIONS_PER_BATCH = 10_000;

/** The transaction fields every method has, in column order. */
export const TRANSACTION_FIXED_FIELDS = [
  { key: "first_name", label: "First name", required: true },
  { key: "last_name", label: "Last name", required: true },
  { key: "email", label: "Email", required: true },
  { key: "amount", label: "Amount", required: true },
  { key: "external_id", label: "External id", required: false },
] as const;

/** A transaction as a form or a CSV row gives it: all text. */
export type TransactionInput = {
  first_name: string;
  last_name: string;
  email: string;
  amount: string;
  external_id?: string;
  /** Keyed by the method's param keys; an optional param may be absent. */
  params: Record<string, string | undefined>;
};

/** A valid transaction: trimmed text, `amount` with exactly the currency's decimals. */
export type TransactionValue = {
  first_name: string;
  last_name: string;
  email: string;
  amount: string;
  external_id?: string;
  params: Record<string, string>;
};

/** One column of the transaction editor, the CSV template and the CSV importer. */
export type TransactionColumn = {
  /** Form path, also the dotted zod issue path: "amount", "params.account_number". */
  path: string;
  label: string;
  /** The API field name, used as the CSV header. */
  csvHeader: string;
  required: boolean;
};

// The provider's rule for first_name and last_name (API.md "Create a payout").
const NAME_PATTERN = /^(?! )(?! *$)[a-zA-Z0-9 ]*(?<! )$/;
// Not documented by the provider; bounds what one cell can carry.
const MAX_NAME_LENGTH = 100;
const MAX_EXTERNAL_ID_LENGTH = 64;
const MAX_PARAM_LENGTH = 255;

/** A string where a missing key reads "Required" rather than a type error. */
function string() {
  return z.string({ error: (issue) => (issue.input === undefined ? "Required" : "Must be text") });
}

function text() {
  return string().trim();
}

// `abort` stops at the first failed check so a field shows one message, the first one that applies.
const REQUIRED = { error: "Required", abort: true } as const;

function nameSchema() {
  return text()
    .min(1, REQUIRED)
    .max(MAX_NAME_LENGTH, { error: `At most ${MAX_NAME_LENGTH} characters`, abort: true })
    .regex(NAME_PATTERN, "Letters, digits and inner spaces only");
}

function amountSchema(method: MethodForForm) {
  const { currency, minAmount, maxAmount } = method;
  return string().transform((input, ctx) => {
    const parsed = parseAmount(input, currency);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.message });
      return z.NEVER;
    }
    if (minAmount !== null && compareAmounts(parsed.value, minAmount) < 0) {
      ctx.addIssue({ code: "custom", message: `At least ${formatAmount(minAmount, currency)}` });
    } else if (maxAmount !== null && compareAmounts(parsed.value, maxAmount) > 0) {
      ctx.addIssue({ code: "custom", message: `At most ${formatAmount(maxAmount, currency)}` });
    }
    return parsed.value;
  });
}

function paramSchema(field: ParsedField, bankCodes: ReadonlySet<string>) {
  const base = text().max(MAX_PARAM_LENGTH, { error: `At most ${MAX_PARAM_LENGTH} characters`, abort: true });
  // bank_code is a choice from the method's banks (API.md); with no list there is nothing to check against.
  const checked = field.key === "bank_code" && bankCodes.size > 0
    ? base.refine((code) => code === "" || bankCodes.has(code), "Choose a bank from the list")
    : base;
  return field.required ? checked.min(1, REQUIRED) : checked.optional();
}

function paramsSchema(method: MethodForForm) {
  const bankCodes = new Set(method.banks.map((bank) => bank.code));
  const shape = Object.fromEntries(method.fields.map((field) => [field.key, paramSchema(field, bankCodes)]));
  return z.looseObject(shape)
    .superRefine((params, ctx) => {
      for (const key of Object.keys(params)) {
        if (!Object.hasOwn(shape, key)) ctx.addIssue({ code: "custom", path: [key], message: "Not a field of this method" });
      }
    }, {
      // Runs beside the field checks so a row lists all its problems at once.
      when: (payload) => typeof payload.value === "object" && payload.value !== null,
    })
    // An optional param left empty is not sent at all.
    .transform((params): Record<string, string> => {
      const sent: Record<string, string> = {};
      for (const [key, value] of Object.entries(params)) if (typeof value === "string" && value !== "") sent[key] = value;
      return sent;
    });
}

/** The zod schema for one transaction of `method` (form row, action input or CSV row). */
export function buildTransactionSchema(method: MethodForForm): z.ZodType<TransactionValue, TransactionInput> {
  return z.object({
    first_name: nameSchema(),
    last_name: nameSchema(),
    email: text()
      .min(1, REQUIRED)
      .max(254, { error: "At most 254 characters", abort: true })
      .pipe(z.email("Enter a valid email")),
    amount: amountSchema(method),
    external_id: text()
      .max(MAX_EXTERNAL_ID_LENGTH, `At most ${MAX_EXTERNAL_ID_LENGTH} characters`)
      .optional()
      .transform((value) => (value === "" ? undefined : value)),
    params: paramsSchema(method),
  });
}

/** A batch's transaction list: 1..MAX_TRANSACTIONS_PER_BATCH rows of `method`. */
export function buildTransactionListSchema(method: MethodForForm) {
  return z.array(buildTransactionSchema(method))
    .min(1, "Add at least one transaction")
    .max(MAX_TRANSACTIONS_PER_BATCH, `At most ${MAX_TRANSACTIONS_PER_BATCH.toLocaleString("en-US")} transactions per batch`);
}

/** The ordered columns of a transaction of `method`: fixed fields first, then the method's params. */
export function transactionColumns(method: MethodForForm): TransactionColumn[] {
  return [
    ...TRANSACTION_FIXED_FIELDS.map((field) => ({
      path: field.key,
      label: field.label,
      csvHeader: field.key,
      required: field.required,
    })),
    ...method.fields.map((field) => ({
      path: `params.${field.key}`,
      label: field.label,
      csvHeader: field.key,
      required: field.required,
    })),
  ];
}

const UTC_DATETIME = z.iso.datetime();

/**
 * The batch header (method, description, optional schedule). `now` is read at validation
 * time, so a form left open still refuses a time that has since passed.
 */
export function buildBatchHeaderSchema(now: () => Date = () => new Date()) {
  return z.object({
    methodName: text().min(1, "Choose a payout method"),
    // The provider's limits (API.md "Create a payout").
    description: text().min(5, "At least 5 characters").max(90, "At most 90 characters"),
    scheduledAt: text()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === "") return undefined;
        if (!UTC_DATETIME.safeParse(value).success) {
          ctx.addIssue({ code: "custom", message: "Use a UTC time like 2030-01-31T09:00:00Z" });
          return z.NEVER;
        }
        const at = new Date(value);
        if (at.getTime() <= now().getTime()) {
          ctx.addIssue({ code: "custom", message: "Pick a time in the future" });
          return z.NEVER;
        }
        return at.toISOString();
      }),
  });
}

/** The batch header schema on the real clock. */
export const batchHeaderSchema = buildBatchHeaderSchema();
export type BatchHeaderInput = z.input<typeof batchHeaderSchema>;
export type BatchHeader = z.output<typeof batchHeaderSchema>;
