import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/password";
import type { Actor, ServiceContext } from "../context";
import { apiKeys, users } from "../db/schema";
import type { Db } from "../db";
import { DomainError } from "../errors";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";
import type { createApiKeySchema } from "./schemas";

const KEY_PATTERN = /^pdk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * Creates an API key and the (never signing-in) users row it acts as, so batches it makes have
 * it as their maker. The full key is in the answer only: the database keeps its sha256.
 */
export async function createApiKey(ctx: ServiceContext, input: z.output<typeof createApiKeySchema>) {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  const prefix = randomBytes(9).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0").slice(0, 12);
  const secret = randomBytes(32).toString("base64url");
  const key = `pdk_${prefix}_${secret}`;
  // An unusable password: the row exists for foreign keys and maker-checker, it never signs in.
  const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: `api-key-${prefix}@api-keys.invalid`, name: `API key: ${input.name}`, passwordHash, roles: [input.role], active: false })
      .returning({ id: users.id });
    await tx.insert(apiKeys).values({ id: user!.id, name: input.name, role: input.role, prefix, secretHash: sha256(key), createdBy: ctx.actor.id });
    await recordAudit(tx, { actor: { kind: "user", id: ctx.actor.id, label: ctx.actor.label }, action: "api_key.create", entityType: "api_key", entityId: user!.id, after: { name: input.name, role: input.role, prefix }, requestId: ctx.requestId });
    return { apiKeyId: user!.id, key, prefix };
  });
}

/** Revokes a key: every later call with it is refused (401). */
export async function revokeApiKey(ctx: ServiceContext, input: { apiKeyId: string }) {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  await ctx.db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: ctx.now() })
      .where(and(eq(apiKeys.id, input.apiKeyId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name });
    if (!revoked) throw new DomainError("not_found", "No such active API key");
    await recordAudit(tx, { actor: { kind: "user", id: ctx.actor.id, label: ctx.actor.label }, action: "api_key.revoke", entityType: "api_key", entityId: revoked.id, details: { name: revoked.name }, requestId: ctx.requestId });
  });
  return { apiKeyId: input.apiKeyId };
}

/** Every key for the admin page: name, role, prefix, created, last used, revoked. Never the hash. */
export async function listApiKeys(ctx: ServiceContext) {
  return ctx.db
    .select({ id: apiKeys.id, name: apiKeys.name, role: apiKeys.role, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

/**
 * The actor of a machine API call, from `Authorization: Bearer pdk_…`: null for a missing,
 * malformed, unknown or revoked key (compared in constant time). Marks the key used.
 */
export async function authenticateApiKey(db: Db, authorization: string | null): Promise<Actor | null> {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const match = token ? KEY_PATTERN.exec(token) : null;
  if (!token || !match) return null;
  const [key] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, match[1]!));
  if (!key || key.revokedAt) return null;
  const expected = Buffer.from(key.secretHash, "hex");
  const actual = Buffer.from(sha256(token), "hex");
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  // At most one write a minute per key for "last used".
  await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(and(eq(apiKeys.id, key.id), sql`(${apiKeys.lastUsedAt} is null or ${apiKeys.lastUsedAt} < now() - interval '1 minute')`));
  return { kind: "api_key", id: key.id, label: `api-key:${key.name}`, roles: [key.role] };
}
