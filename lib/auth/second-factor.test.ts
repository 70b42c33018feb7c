import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { createContext, type ServiceContext } from "../context";
import { auditLog, userTotp, users } from "../db/schema";
import { getSecondFactorStatus, MAX_CODE_FAILURES, verifySecondFactorCode } from "./second-factor";
import { totpCodeAt } from "./totp";
import { decryptTotpSecret, encryptTotpSecret, parseTotpKey } from "./totp-crypto";
import { confirmTotpSetup, regenerateRecoveryCodes, setSecondFactorRequiredForAll, startTotpSetup } from "./totp-setup";

let t: TestDatabase;
const key = randomBytes(32);
const T0 = new Date("2026-12-01T10:00:00Z");

async function person(email: string, roles: ("operator" | "approver" | "admin")[] = ["approver"]): Promise<ServiceContext> {
  const [user] = await t.db.insert(users).values({ email, name: email, passwordHash: "!", roles }).returning();
  let now = T0;
  const ctx = createContext(t.db, { kind: "user", id: user!.id, label: email, roles });
  return { ...ctx, now: () => now, set: (d: Date) => (now = d) } as ServiceContext;
}

async function enrolled(email: string): Promise<{ ctx: ServiceContext; secret: string; codes: string[] }> {
  const ctx = await person(email);
  const { secret } = await startTotpSetup(ctx, { key });
  const { recoveryCodes } = await confirmTotpSetup(ctx, { code: totpCodeAt(secret, T0), key });
  return { ctx, secret, codes: recoveryCodes };
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe("TOTP secrets at rest", () => {
  it("are encrypted with the key, and unreadable with another", async () => {
    const { ctx, secret } = await enrolled("at-rest@example.com");
    const [row] = await t.db.select().from(userTotp).where(eq(userTotp.userId, ctx.actor.id));
    expect(row!.secretEncrypted).not.toContain(secret);
    expect(decryptTotpSecret(key, row!.secretEncrypted)).toBe(secret);
    expect(() => decryptTotpSecret(randomBytes(32), row!.secretEncrypted)).toThrow();
    expect(encryptTotpSecret(key, secret)).not.toBe(encryptTotpSecret(key, secret)); // fresh IV each time
  });

  it("read the key as 64 hex characters or 32 bytes of base64, nothing else", () => {
    expect(parseTotpKey("ab".repeat(32))?.length).toBe(32);
    expect(parseTotpKey(randomBytes(32).toString("base64url"))?.length).toBe(32);
    expect(parseTotpKey("too-short")).toBeNull();
  });
});

describe("TOTP set-up", () => {
  it("is confirmed only by a current code, then yields ten recovery codes and an audit row", async () => {
    const ctx = await person("setup@example.com");
    const { secret, uri } = await startTotpSetup(ctx, { key });
    expect(uri).toMatch(/^otpauth:\/\/totp\/Payout%20Desk:setup%40example\.com\?secret=/);
    await expect(confirmTotpSetup(ctx, { code: totpCodeAt(secret, new Date(T0.getTime() - 10 * 60_000)), key })).rejects.toMatchObject({ code: "invalid", details: { field: "code" } });
    expect((await getSecondFactorStatus(ctx, { id: ctx.actor.id, roles: ["approver"] })).enrolled).toBe(false);
    const { recoveryCodes } = await confirmTotpSetup(ctx, { code: totpCodeAt(secret, T0), key });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect(await getSecondFactorStatus(ctx, { id: ctx.actor.id, roles: ["approver"] })).toMatchObject({ totp: true, enrolled: true, required: true, recoveryCodesLeft: 10 });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.entityId, ctx.actor.id));
    expect(audit.map((row) => row.action)).toContain("user.totp_enable");
    expect(JSON.stringify(audit)).not.toContain(secret);
    await expect(startTotpSetup(ctx, { key })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("checking a second factor", () => {
  it("accepts a current code once: the same time step is refused afterwards (replay)", async () => {
    const { ctx, secret } = await enrolled("replay@example.com");
    const later = new Date(T0.getTime() + 60_000);
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: totpCodeAt(secret, later), key, now: later })).resolves.toBe("totp");
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: totpCodeAt(secret, later), key, now: later })).rejects.toMatchObject({ code: "invalid" });
    // One step of drift is fine; the code from set-up (an earlier step) is not.
    const next = new Date(later.getTime() + 30_000);
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: totpCodeAt(secret, next), key, now: later })).resolves.toBe("totp");
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: totpCodeAt(secret, T0), key, now: T0 })).rejects.toMatchObject({ code: "invalid" });
  });

  it("accepts each recovery code once, in any case and spacing", async () => {
    const { ctx, codes } = await enrolled("recovery@example.com");
    const code = codes[0]!;
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: ` ${code.toUpperCase().replaceAll("-", " ")} `, key, now: T0 })).resolves.toBe("recovery_code");
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code, key, now: T0 })).rejects.toMatchObject({ code: "invalid" });
    expect((await getSecondFactorStatus(ctx, { id: ctx.actor.id, roles: ["approver"] })).recoveryCodesLeft).toBe(9);
    const { recoveryCodes } = await regenerateRecoveryCodes(ctx);
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: codes[1]!, key, now: T0 })).rejects.toMatchObject({ code: "invalid" });
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: recoveryCodes[1]!, key, now: T0 })).resolves.toBe("recovery_code");
  });

  it("locks after five wrong codes, counted before checking, so twenty parallel guesses get no further", async () => {
    const { ctx, secret } = await enrolled("guesser@example.com");
    const guesses = Array.from({ length: 20 }, (_, i) => verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: String(100000 + i), key, now: T0 }));
    const results = await Promise.allSettled(guesses);
    const wrong = results.filter((r) => r.status === "rejected" && (r.reason as { code: string }).code === "invalid");
    expect(wrong.length).toBeLessThanOrEqual(MAX_CODE_FAILURES);
    const later = new Date(T0.getTime() + 60_000);
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: totpCodeAt(secret, later), key, now: later })).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/Too many wrong codes/) });
    const afterLock = new Date(T0.getTime() + 16 * 60_000);
    await expect(verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: totpCodeAt(secret, afterLock), key, now: afterLock })).resolves.toBe("totp");
  });
});

describe("who must have a second factor", () => {
  it("approvers and admins always; everyone once an admin says so (audited)", async () => {
    const operator = await person("op@example.com", ["operator"]);
    const admin = await person("boss@example.com", ["admin"]);
    expect((await getSecondFactorStatus(operator, { id: operator.actor.id, roles: ["operator"] })).required).toBe(false);
    expect((await getSecondFactorStatus(admin, { id: admin.actor.id, roles: ["admin"] })).required).toBe(true);
    await expect(setSecondFactorRequiredForAll(operator, { required: true })).rejects.toMatchObject({ code: "forbidden" });
    await setSecondFactorRequiredForAll(admin, { required: true });
    expect((await getSecondFactorStatus(operator, { id: operator.actor.id, roles: ["operator"] })).required).toBe(true);
    const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, "security.second_factor_requirement_set"));
    expect(row).toMatchObject({ before: { requireSecondFactorForAll: false }, after: { requireSecondFactorForAll: true } });
  });
});
