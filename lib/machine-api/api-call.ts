import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { authenticateApiKey } from "../api-keys/manage-api-keys";
import { recordAudit } from "../audit/record-audit";
import type { Permission } from "../auth/roles";
import { createContext, type ServiceContext } from "../context";
import type { Db } from "../db";
import { apiIdempotencyKeys, apiRateWindows } from "../db/schema";
import { DomainError, httpStatusFor } from "../errors";
import { log } from "../log";
import { hasPermission } from "../policy/permissions";

export type ApiAnswer = { status: number; body: unknown; headers?: Record<string, string> };
export type ErrorDetail = { row?: number; field: string; message: string };

/** A refusal with the documented error shape (`{ error: { code, message, details? } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const errorAnswer = (error: ApiError): ApiAnswer => ({
  status: error.status,
  body: { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } },
  headers: error.headers,
});

const DOMAIN_CODES: Record<string, string> = { invalid: "validation_failed", unauthenticated: "unauthenticated", forbidden: "forbidden", not_found: "not_found", conflict: "conflict", unavailable: "unavailable" };

function toAnswer(error: unknown, ctx: { log: ServiceContext["log"] } | null): ApiAnswer {
  if (error instanceof ApiError) return errorAnswer(error);
  if (error instanceof DomainError) {
    const field = typeof error.details?.field === "string" ? error.details.field : null;
    return errorAnswer(new ApiError(httpStatusFor[error.code], DOMAIN_CODES[error.code] ?? error.code, error.message, field ? [{ field, message: error.message }] : undefined));
  }
  (ctx?.log ?? log).error({ err: error }, "api.failed");
  return errorAnswer(new ApiError(500, "internal", "Internal error; it is safe to retry with the same Idempotency-Key"));
}

const respond = (answer: ApiAnswer, requestId: string, extra: Record<string, string> = {}) =>
  Response.json(answer.body, { status: answer.status, headers: { "x-request-id": requestId, "cache-control": "no-store", ...answer.headers, ...extra } });

export type ApiCallOptions = { db: Db; permission: Permission; rateLimitPerMinute: number };

/**
 * One machine API call: the key (401), its role (403), its rate limit (429 + Retry-After),
 * `Idempotency-Key` on POST (the first answer replayed for the same body, 422 for another),
 * then the handler; every call is audited with the key's id as the actor.
 */
export async function runApiCall(request: Request, options: ApiCallOptions, handler: (ctx: ServiceContext, body: string | null) => Promise<ApiAnswer>): Promise<Response> {
  const requestId = request.headers.get("x-request-id") ?? randomUUID();
  const { db } = options;
  const actor = await authenticateApiKey(db, request.headers.get("authorization"));
  if (!actor) {
    return respond(errorAnswer(new ApiError(401, "unauthenticated", "Send a valid API key as Authorization: Bearer pdk_…")), requestId, { "www-authenticate": 'Bearer realm="payout-desk"' });
  }
  const ctx = createContext(db, actor, { requestId });
  const url = new URL(request.url);
  const audit = (status: number, extra: Record<string, unknown> = {}) =>
    recordAudit(db, { actor: { kind: "user", id: actor.id, label: actor.label }, action: "api.request", entityType: "api_key", entityId: actor.id, details: { method: request.method, path: url.pathname, status, ...extra }, requestId }).catch((error: unknown) =>
      ctx.log.error({ err: error }, "api.audit_failed"),
    );

  if (!hasPermission(actor, options.permission).allowed) {
    await audit(403);
    return respond(errorAnswer(new ApiError(403, "forbidden", `This key's role (${actor.roles.join(", ")}) may not do that`)), requestId);
  }
  const retryAfter = await takeRateToken(db, actor.id, options.rateLimitPerMinute);
  if (retryAfter !== null) {
    return respond(errorAnswer(new ApiError(429, "rate_limited", `At most ${options.rateLimitPerMinute} calls a minute per key; retry after ${retryAfter} s`)), requestId, { "retry-after": String(retryAfter) });
  }

  if (request.method !== "POST") {
    let answer: ApiAnswer;
    try {
      answer = await handler(ctx, null);
    } catch (error) {
      answer = toAnswer(error, ctx);
    }
    await audit(answer.status);
    return respond(answer, requestId);
  }

  const key = request.headers.get("idempotency-key");
  if (!key || key.length > 255) {
    return respond(errorAnswer(new ApiError(400, "idempotency_key_required", "Send an Idempotency-Key header (at most 255 characters) with every POST", [{ field: "Idempotency-Key", message: "Required" }])), requestId);
  }
  const body = await request.text();
  const requestHash = createHash("sha256").update(`${request.method} ${url.pathname}${url.search}\n${request.headers.get("content-type") ?? ""}\n${body}`).digest("hex");
  const claim = await claimIdempotencyKey(db, actor.id, key, requestHash);
  if (claim.kind === "replay") {
    await audit(claim.status, { idempotencyKey: key, replayed: true });
    return respond({ status: claim.status, body: claim.body }, requestId, { "idempotent-replayed": "true" });
  }
  if (claim.kind === "mismatch") {
    return respond(errorAnswer(new ApiError(422, "idempotency_key_reused", "This Idempotency-Key was used with a different request; use a new key for a new request", [{ field: "Idempotency-Key", message: "Used with a different body" }])), requestId);
  }
  if (claim.kind === "in_progress") {
    return respond(errorAnswer(new ApiError(409, "idempotency_key_in_progress", "A request with this Idempotency-Key is still running; retry shortly")), requestId, { "retry-after": "1" });
  }
  let answer: ApiAnswer;
  try {
    answer = await handler(ctx, body);
  } catch (error) {
    answer = toAnswer(error, ctx);
  }
  if (answer.status >= 500) {
    // Not kept: a retry with the same key runs again.
    await db.delete(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.apiKeyId, actor.id), eq(apiIdempotencyKeys.key, key)));
  } else {
    await db.update(apiIdempotencyKeys).set({ status: answer.status, body: answer.body }).where(and(eq(apiIdempotencyKeys.apiKeyId, actor.id), eq(apiIdempotencyKeys.key, key)));
  }
  await audit(answer.status, { idempotencyKey: key });
  return respond(answer, requestId);
}

/** Kept 24 hours (issue 18); an older entry is replaced as if new. */
const IDEMPOTENCY_TTL = sql`interval '24 hours'`;

async function claimIdempotencyKey(
  db: Db,
  apiKeyId: string,
  key: string,
  requestHash: string,
): Promise<{ kind: "new" } | { kind: "replay"; status: number; body: unknown } | { kind: "mismatch" } | { kind: "in_progress" }> {
  await db.delete(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), eq(apiIdempotencyKeys.key, key), sql`${apiIdempotencyKeys.createdAt} < now() - ${IDEMPOTENCY_TTL}`));
  const inserted = await db.insert(apiIdempotencyKeys).values({ apiKeyId, key, requestHash }).onConflictDoNothing().returning({ key: apiIdempotencyKeys.key });
  if (inserted.length > 0) return { kind: "new" };
  const [existing] = await db.select().from(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.apiKeyId, apiKeyId), eq(apiIdempotencyKeys.key, key)));
  if (!existing) return claimIdempotencyKey(db, apiKeyId, key, requestHash);
  if (existing.requestHash !== requestHash) return { kind: "mismatch" };
  if (existing.status === null) return { kind: "in_progress" };
  return { kind: "replay", status: existing.status, body: existing.body };
}

/** Fixed one-minute windows shared by every instance; returns the seconds to wait, or null when allowed. */
async function takeRateToken(db: Db, apiKeyId: string, perMinute: number): Promise<number | null> {
  const [row] = await db
    .insert(apiRateWindows)
    .values({ apiKeyId, windowStart: sql`date_trunc('minute', now())`, calls: 1 })
    .onConflictDoUpdate({ target: [apiRateWindows.apiKeyId, apiRateWindows.windowStart], set: { calls: sql`${apiRateWindows.calls} + 1` } })
    .returning({ calls: apiRateWindows.calls, wait: sql<number>`ceil(extract(epoch from (date_trunc('minute', now()) + interval '1 minute' - now())))::int` });
  if (!row || row.calls <= perMinute) return null;
  return Math.max(1, row.wait);
}
