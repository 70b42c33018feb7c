import { extendZodWithOpenApi } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { BATCH_STATUSES } from "../batches/statuses";
import { MAX_TRANSACTIONS_PER_BATCH } from "../methods/transaction-schema";

extendZodWithOpenApi(z);

// The machine API's shapes, written once: the handlers parse and answer with these, and
// /api/v1/openapi.json is generated from them (lib/machine-api/openapi.ts).

const cell = z.string().max(1000);

export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z
        .array(
          z.object({
            row: z.number().int().min(1).optional().openapi({ description: "1-based transaction row (CSV: the data row, header excluded)" }),
            field: z.string().openapi({ example: "amount" }),
            message: z.string(),
          }),
        )
        .optional(),
    }),
  })
  .openapi("Error", { description: "Every error has this shape; validation errors name the row and the field." });

export const methodFieldSchema = z.object({ key: z.string(), label: z.string(), required: z.boolean(), type: z.literal("string") }).openapi("MethodField");
export const apiMethodSchema = z
  .object({
    name: z.string().openapi({ example: "ph_bank_maya_php" }),
    label: z.string(),
    currency: z.string(),
    country: z.string().nullable(),
    usable: z.boolean(),
    unusable_reason: z.string().nullable(),
    min_amount: z.string().nullable(),
    max_amount: z.string().nullable(),
    fields: z.array(methodFieldSchema).openapi({ description: "Params each transaction carries in `params` (the same parsed spec the console's forms use)" }),
    banks: z.array(z.object({ code: z.string(), name: z.string() })),
  })
  .openapi("Method");
export const methodListSchema = z.object({ data: z.array(apiMethodSchema) }).openapi("MethodList");

export const apiTransactionInputSchema = z
  .object({
    first_name: cell,
    last_name: cell,
    email: cell,
    amount: z.union([cell, z.number()]).openapi({ description: "Decimal string (a JSON number is read by its text)", example: "250.00" }),
    external_id: cell.optional(),
    params: z.record(z.string(), z.union([cell, z.number()])).default({}),
  })
  .openapi("TransactionInput");

export const createBatchSchema = z
  .object({
    method: z.string().min(1).openapi({ example: "ph_bank_maya_php" }),
    description: z.string(),
    scheduled_at: z.string().optional().openapi({ description: "UTC time, e.g. 2030-01-31T09:00:00Z" }),
    submit: z.boolean().default(false).openapi({ description: "true: straight to pending approval; false: a draft" }),
    transactions: z.array(apiTransactionInputSchema).min(1).max(MAX_TRANSACTIONS_PER_BATCH),
  })
  .openapi("CreateBatch");

export const batchSummarySchema = z
  .object({
    id: z.uuid(),
    status: z.enum(BATCH_STATUSES),
    method: z.string(),
    currency: z.string(),
    description: z.string(),
    total_amount: z.string(),
    transaction_count: z.number().int(),
    failed_count: z.number().int(),
    approvals_needed: z.number().int(),
    scheduled_at: z.string().nullable(),
    created_at: z.string(),
    provider_status: z.string().nullable(),
    rejection_reason: z.string().nullable(),
    attention: z.object({ code: z.string(), message: z.string().nullable() }).nullable(),
  })
  .openapi("Batch");

export const transactionSchema = z
  .object({
    id: z.uuid(),
    position: z.number().int(),
    first_name: z.string(),
    last_name: z.string(),
    email: z.string(),
    amount: z.string().nullable(),
    external_id: z.string().nullable(),
    params: z.record(z.string(), z.string()).openapi({ description: "Account numbers are shown as their last 4 digits" }),
    status: z.string().nullable().openapi({ description: "Hello Clever's transaction status (pending, settled, failed), null before submission" }),
    failure_reason: z.string().nullable(),
  })
  .openapi("Transaction");

export const batchResponseSchema = z.object({ data: batchSummarySchema }).openapi("BatchResponse");
export const batchDetailSchema = z.object({ data: batchSummarySchema.extend({ transactions: z.array(transactionSchema) }) }).openapi("BatchDetail");
export const batchListSchema = z
  .object({ data: z.array(batchSummarySchema), next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last" }) })
  .openapi("BatchList");

export const listBatchesQuerySchema = z.object({
  status: z.enum(BATCH_STATUSES).optional(),
  method: z.string().max(100).optional(),
  currency: z.string().max(5).optional(),
  from: z.string().optional().openapi({ description: "YYYY-MM-DD (UTC), created on or after" }),
  to: z.string().optional().openapi({ description: "YYYY-MM-DD (UTC), created on or before" }),
  min_amount: z.string().optional(),
  max_amount: z.string().optional(),
  q: z.string().optional().openapi({ description: "Text search (3 characters at least)" }),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const csvQuerySchema = z.object({
  method: z.string().min(1),
  description: z.string(),
  scheduled_at: z.string().optional(),
  submit: z.enum(["true", "false"]).default("false"),
});
