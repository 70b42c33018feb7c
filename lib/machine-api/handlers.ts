import type { z } from "zod";
import { applyColumnMapping, exactColumnMapping, readCsv } from "../batches/csv-import";
import type { ServiceContext } from "../context";
import type { Db } from "../db";
import { getMethodForForm } from "../methods/get-method-for-form";
import { DomainError } from "../errors";
import { ApiError, runApiCall, type ErrorDetail } from "./api-call";
import { cancelApiBatch, createApiBatch, getApiBatch, listApiBatches, listApiMethods } from "./batches";
import { createBatchSchema, csvQuerySchema, listBatchesQuerySchema } from "./schemas";
import { isUuid } from "../uuid";

// The /api/v1 handlers, with their dependencies passed in (route files pass the app's; tests theirs).
export type ApiDeps = { db: Db; rateLimitPerMinute: number; approvalExpiryDays: number };

function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.slice(0, 1000).map((issue) => {
    const [first, index, ...rest] = issue.path;
    if (first === "transactions" && typeof index === "number") return { row: index + 1, field: rest.join(".") || "transaction", message: issue.message };
    return { field: issue.path.join(".") || "body", message: issue.message };
  });
}

function batchIdOf(value: string): string {
  if (!isUuid(value)) throw new ApiError(404, "not_found", `No batch ${value}`);
  return value;
}

// GET /api/v1/methods: the methods catalogue with each method's fields.
export function listMethodsHandler(request: Request, deps: ApiDeps) {
  return runApiCall(request, { db: deps.db, permission: "batches.view", rateLimitPerMinute: deps.rateLimitPerMinute }, async (ctx) => ({ status: 200, body: { data: await listApiMethods(ctx) } }));
}

// GET /api/v1/batches: batches with the /history filters, keyset-paged.
export function listBatchesHandler(request: Request, deps: ApiDeps) {
  return runApiCall(request, { db: deps.db, permission: "batches.view", rateLimitPerMinute: deps.rateLimitPerMinute }, async (ctx) => {
    const query = listBatchesQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
    if (!query.success) throw new ApiError(422, "validation_failed", "Check the query parameters", zodDetails(query.error));
    return { status: 200, body: await listApiBatches(ctx, query.data) };
  });
}

// GET /api/v1/batches/:id: one batch with its transactions and statuses.
export function getBatchHandler(request: Request, deps: ApiDeps, batchId: string) {
  return runApiCall(request, { db: deps.db, permission: "batches.view", rateLimitPerMinute: deps.rateLimitPerMinute }, async (ctx) => ({ status: 200, body: { data: await getApiBatch(ctx, { batchId: batchIdOf(batchId) }) } }));
}

// POST /api/v1/batches/:id/cancel: cancel a draft this key made.
export function cancelBatchHandler(request: Request, deps: ApiDeps, batchId: string) {
  return runApiCall(request, { db: deps.db, permission: "batches.edit", rateLimitPerMinute: deps.rateLimitPerMinute }, async (ctx) => ({ status: 200, body: { data: await cancelApiBatch(ctx, { batchId: batchIdOf(batchId) }) } }));
}

// POST /api/v1/batches: create a batch (JSON, or text/csv with the header in the query), as a draft or submitted.
export function createBatchHandler(request: Request, deps: ApiDeps) {
  return runApiCall(request, { db: deps.db, permission: "batches.edit", rateLimitPerMinute: deps.rateLimitPerMinute }, async (ctx, body) => {
    const contentType = request.headers.get("content-type") ?? "";
    let input: z.output<typeof createBatchSchema>;
    if (/^text\/csv\b/i.test(contentType)) input = await csvBatchInput(ctx, new URL(request.url).searchParams, body ?? "");
    else {
      let json: unknown;
      try {
        json = JSON.parse(body ?? "");
      } catch {
        throw new ApiError(400, "malformed_body", "The body is not JSON (send application/json, or text/csv with method and description in the query)", [{ field: "body", message: "Not JSON" }]);
      }
      const parsed = createBatchSchema.safeParse(json);
      if (!parsed.success) throw new ApiError(422, "validation_failed", "The batch was not created: check the fields named", zodDetails(parsed.error));
      input = parsed.data;
    }
    return { status: 201, body: { data: await createApiBatch(ctx, { batch: input, approvalExpiryDays: deps.approvalExpiryDays }) } };
  });
}

/** A CSV body with exactly the API field names as its header (as the console's CSV template). */
async function csvBatchInput(ctx: ServiceContext, params: URLSearchParams, text: string): Promise<z.output<typeof createBatchSchema>> {
  const query = csvQuerySchema.safeParse(Object.fromEntries(params));
  if (!query.success) throw new ApiError(422, "validation_failed", "With a CSV body, put method and description in the query", zodDetails(query.error));
  let method;
  try {
    method = await getMethodForForm(ctx, { name: query.data.method });
  } catch (error) {
    if (error instanceof DomainError) throw new ApiError(422, "validation_failed", error.message, [{ field: "method", message: error.message }]);
    throw error;
  }
  const read = readCsv(text);
  if (!read.ok) throw new ApiError(422, "validation_failed", read.message, [{ field: "body", message: read.message }]);
  const mapping = exactColumnMapping(read.table.headers, method);
  if (!mapping) throw new ApiError(422, "validation_failed", "The CSV header must name the API fields exactly (first_name, last_name, email, amount, external_id and the method's params)", [{ field: "header", message: "Unknown or missing columns" }]);
  const applied = applyColumnMapping(read.table, mapping, method);
  if (!applied.ok) throw new ApiError(422, "validation_failed", applied.message, [{ field: "body", message: applied.message }]);
  const problems = applied.rows.filter((row) => row.problem !== undefined);
  if (problems.length > 0) throw new ApiError(422, "validation_failed", "Some CSV rows could not be read", problems.map((row, i) => ({ row: i + 1, field: "row", message: row.problem! })));
  return {
    method: method.name,
    description: query.data.description,
    scheduled_at: query.data.scheduled_at,
    submit: query.data.submit === "true",
    transactions: applied.rows.map((row) => ({ ...row.input, params: Object.fromEntries(Object.entries(row.input.params).filter((entry): entry is [string, string] => entry[1] !== undefined)) })),
  };
}
