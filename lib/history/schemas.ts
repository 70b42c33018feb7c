import { z } from "zod";
import type { BatchStatus } from "../db/schema/enums";
import { compareAmounts } from "../money";
import { CONTROL_CHARACTERS_MESSAGE, hasControlCharacters } from "../security/text";

// Client-safe (zod and the money helpers only): the page and the export handler read the same
// filters from the same URL (written by filters-to-search.ts), so a shared link, the screen and
// the exported file agree.

export const HISTORY_VIEWS = ["transactions", "batches"] as const;
export type HistoryView = (typeof HISTORY_VIEWS)[number];

/** Transaction outcomes as Hello Clever reports them (API.md: the assumed list). */
export const TRANSACTION_STATUS_LABELS = { pending: "Pending", settled: "Settled", failed: "Failed" } as const;
export type TransactionStatus = keyof typeof TRANSACTION_STATUS_LABELS;

// A Record over BatchStatus: the compiler refuses this list when the lifecycle gains a status.
const BATCH_STATUS_SET: Record<BatchStatus, true> = {
  draft: true,
  pending_approval: true,
  approved: true,
  submitting: true,
  submitted: true,
  processing: true,
  scheduled: true,
  completed: true,
  expired: true,
  rejected: true,
  cancelled: true,
  needs_attention: true,
  approval_expired: true,
};
export const BATCH_STATUSES = Object.keys(BATCH_STATUS_SET) as [BatchStatus, ...BatchStatus[]];
const TRANSACTION_STATUSES = Object.keys(TRANSACTION_STATUS_LABELS) as [TransactionStatus, ...TransactionStatus[]];

export const PAGE_SIZE = 50;

/** A calendar day, YYYY-MM-DD, read in UTC (the console shows and exports UTC times). */
export const dayField = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2025-01-31")
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "Not a real date");

/** One line of text from a URL or a form: no NUL, no control characters (named in the error). */
export const plainText = (options: { max: number; tooLong: string; min?: number; tooShort?: string }) =>
  z
    .string()
    .refine((value) => !hasControlCharacters(value), CONTROL_CHARACTERS_MESSAGE)
    .transform((value) => value.trim())
    .pipe(z.string().min(options.min ?? 1, options.tooShort).max(options.max, options.tooLong));

/** An opaque page cursor as it arrives in a URL (decoded and checked by the query). */
export const cursorField = z.string().max(300, "The page link is damaged; start again from the first page").regex(/^[A-Za-z0-9_-]+$/, "The page link is damaged; start again from the first page");

const AMOUNT = /^\d{1,15}(\.\d{1,6})?$/;
const amountField = z.string().trim().regex(AMOUNT, "Use a plain amount like 1000.50 (no commas or currency)");

export const historyFiltersSchema = z
  .object({
    view: z.enum(HISTORY_VIEWS).default("transactions"),
    from: dayField.optional(),
    to: dayField.optional(),
    status: z.enum(TRANSACTION_STATUSES, "Pick a transaction status from the list").optional(),
    batchStatus: z.enum(BATCH_STATUSES, "Pick a batch status from the list").optional(),
    method: plainText({ max: 100, tooLong: "Method name is too long" }).optional(),
    currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3,5}$/, "Use a currency code like PHP").optional(),
    minAmount: amountField.optional(),
    maxAmount: amountField.optional(),
    maker: z.uuid("Pick a maker from the list").optional(),
    // Three characters is the least a trigram index can look up; shorter would scan every row.
    q: plainText({ min: 3, tooShort: "Type at least 3 characters to search", max: 200, tooLong: "Search text is too long (200 characters at most)" }).optional(),
    /** "include drafts": never-sent drafts and cancelled drafts are left out unless this is "1". */
    drafts: z.enum(["1"], "Include drafts: 1 or leave it out").optional(),
    cursor: cursorField.optional(),
  })
  .superRefine((filters, ctx) => {
    if (filters.from && filters.to && filters.from > filters.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date" });
    }
    // Runs even when a field failed its own check (zod reports every issue): compare only real amounts.
    const amounts = [filters.minAmount, filters.maxAmount];
    if (amounts.every((value) => typeof value === "string" && AMOUNT.test(value)) && compareAmounts(filters.minAmount!, filters.maxAmount!) > 0) {
      ctx.addIssue({ code: "custom", path: ["maxAmount"], message: "The maximum is below the minimum" });
    }
  });
export type HistoryFilters = z.output<typeof historyFiltersSchema>;
export type HistoryFilterKey = keyof HistoryFilters;

export type ParsedFilters<T> = { ok: true; filters: T } | { ok: false; raw: Record<string, string>; fieldErrors: Record<string, string> };

/** Reads filters from URL search params: blanks are unset; a bad value is named with its field. */
export function parseFilterParams<S extends z.ZodType>(schema: S, params: URLSearchParams | Record<string, string | string[] | undefined>): ParsedFilters<z.output<S>> {
  const raw: Record<string, string> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const);
  for (const [key, value] of entries) if (value !== undefined && value.trim() !== "") raw[key] = value;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, filters: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) fieldErrors[String(issue.path[0] ?? "filters")] ??= issue.message;
  return { ok: false, raw, fieldErrors };
}
