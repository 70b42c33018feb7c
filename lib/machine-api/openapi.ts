import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { apiErrorSchema, batchDetailSchema, batchListSchema, batchResponseSchema, createBatchSchema, csvQuerySchema, listBatchesQuerySchema, methodListSchema } from "./schemas";

const errors = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description:
          {
            400: "Missing Idempotency-Key or unreadable body",
            401: "Missing, unknown or revoked API key",
            403: "The key's role may not do this",
            404: "No such batch",
            409: "Wrong state (e.g. not a draft), or the same Idempotency-Key is still running",
            422: "Validation failed (details name the row and field), or the Idempotency-Key was used with another body",
            429: "Rate limited: see Retry-After",
          }[status] ?? "Error",
        content: { "application/json": { schema: apiErrorSchema } },
        ...(status === 429 ? { headers: { "Retry-After": { description: "Seconds to wait", schema: { type: "integer" as const } } } } : {}),
      },
    ]),
  );

const idempotencyHeader = z.object({ "Idempotency-Key": z.string().max(255).openapi({ description: "Required on every POST; kept 24 hours. The same key and body return the first answer; another body is refused with 422." }) });
const batchIdParams = z.object({ batchId: z.uuid() });

let cached: ReturnType<OpenApiGeneratorV31["generateDocument"]> | null = null;

/** The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the handlers use. */
export function openApiDocument() {
  if (cached) return cached;
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent("securitySchemes", "apiKey", { type: "http", scheme: "bearer", description: "An API key created at /admin/api-keys (pdk_…)" });
  const security = [{ [bearer.name]: [] }];
  registry.registerPath({
    method: "get",
    path: "/api/v1/methods",
    summary: "List payout methods with their fields",
    security,
    responses: { 200: { description: "The catalogue", content: { "application/json": { schema: methodListSchema } } }, ...errors(401, 403, 429) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/batches",
    summary: "List batches (the /history filters, keyset pagination)",
    security,
    request: { query: listBatchesQuerySchema },
    responses: { 200: { description: "One page, newest first", content: { "application/json": { schema: batchListSchema } } }, ...errors(401, 403, 422, 429) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/batches",
    summary: "Create a batch as a draft or straight to pending approval",
    description: "JSON body, or `text/csv` with the API field names as the header and `method`, `description`, `scheduled_at`, `submit` in the query. API keys never approve.",
    security,
    request: {
      headers: idempotencyHeader,
      query: csvQuerySchema.partial(),
      body: { content: { "application/json": { schema: createBatchSchema }, "text/csv": { schema: z.string() } } },
    },
    responses: { 201: { description: "Created", content: { "application/json": { schema: batchResponseSchema } } }, ...errors(400, 401, 403, 409, 422, 429) },
  });
  registry.registerPath({
    method: "get",
    path: "/api/v1/batches/{batchId}",
    summary: "Read a batch with its transactions and statuses",
    security,
    request: { params: batchIdParams },
    responses: { 200: { description: "The batch", content: { "application/json": { schema: batchDetailSchema } } }, ...errors(401, 403, 404, 429) },
  });
  registry.registerPath({
    method: "post",
    path: "/api/v1/batches/{batchId}/cancel",
    summary: "Cancel a draft this key made",
    security,
    request: { params: batchIdParams, headers: idempotencyHeader },
    responses: { 200: { description: "Cancelled", content: { "application/json": { schema: batchResponseSchema } } }, ...errors(400, 401, 403, 404, 409, 422, 429) },
  });
  cached = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: { title: "Payout Desk machine API", version: "1.0.0", description: "Create and read payout batches. Errors: `{ error: { code, message, details?: [{ row?, field, message }] } }`." },
  });
  return cached;
}
