import { and, eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { auditLog, signInFailures, signInLimits, users } from "../db/schema";
import { DEMO_PASSWORD } from "../users/demo-users";
import { seedDemoUsers } from "../users/seed-demo-users";
import { SIGN_IN_FAILED_MESSAGE, SIGN_IN_LIMITS, signIn } from "./sign-in";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoUsers(t.db);
});
afterAll(async () => t.drop());
beforeEach(async () => {
  await t.db.delete(signInLimits);
  await t.db.delete(signInFailures);
  await t.db.update(users).set({ active: true });
});

const checked = async (email: string) =>
  (await t.db.select({ n: sql<number>`coalesce(sum(${signInFailures.failures}), 0)::int` }).from(signInFailures).where(eq(signInFailures.email, email)))[0]!.n;

describe("sign-in", () => {
  it("signs in a demo user with the demo password and audits it", async () => {
    const user = await signIn(t.db, { email: "Operator@Demo.test ", password: DEMO_PASSWORD, ip: "10.0.0.1" });
    expect(user.roles).toEqual(["operator"]);
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.actorId, user.id));
    expect(rows.map((row) => row.action)).toContain("auth.sign_in");
  });

  it("says the same thing for a wrong password and an unknown email", async () => {
    await expect(signIn(t.db, { email: "approver@demo.test", password: "wrong" })).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    await expect(signIn(t.db, { email: "nobody@demo.test", password: "wrong" })).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
  });

  it("refuses a deactivated user", async () => {
    await t.db.update(users).set({ active: false }).where(eq(users.email, "operator2@demo.test"));
    await expect(signIn(t.db, { email: "operator2@demo.test", password: DEMO_PASSWORD })).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
  });

  it("counts 25 parallel wrong passwords as 25 and checks only the first 5", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 25 }, () => signIn(t.db, { email: "auditor@demo.test", password: "nope", ip: "10.0.0.9" })),
    );
    expect(attempts.every((attempt) => attempt.status === "rejected")).toBe(true);
    const [pair] = await t.db.select().from(signInLimits).where(eq(signInLimits.key, "pair:auditor@demo.test|10.0.0.9"));
    expect(pair?.failures).toBe(25);
    expect(await checked("auditor@demo.test")).toBe(SIGN_IN_LIMITS.pair.max);
    const messages = attempts.map((attempt) => (attempt.status === "rejected" ? String((attempt.reason as Error).message) : ""));
    expect(messages.filter((message) => message === SIGN_IN_FAILED_MESSAGE)).toHaveLength(SIGN_IN_LIMITS.pair.max);
    expect(messages.filter((message) => /Too many failed attempts/.test(message))).toHaveLength(25 - SIGN_IN_LIMITS.pair.max);
    // Not one append-only audit row per failure: they are counted per email, IP and minute.
    expect(await t.db.select().from(auditLog).where(like(auditLog.action, "auth.sign_in_%"))).toHaveLength(0);
    const [aggregate] = await t.db.select().from(signInFailures).where(and(eq(signInFailures.email, "auditor@demo.test"), eq(signInFailures.ip, "10.0.0.9")));
    expect(aggregate).toMatchObject({ failures: 5, refused: 20 });
  }, 120_000);

  it("backs off rather than locks: the right password gets through once the back-off has passed", async () => {
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i += 1) {
      await expect(signIn(t.db, { email: "approver2@demo.test", password: "nope", ip: "10.0.0.2", now })).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    // Even the right password is refused while backing off, without being checked.
    await expect(signIn(t.db, { email: "approver2@demo.test", password: DEMO_PASSWORD, ip: "10.0.0.2", now })).rejects.toThrow(/Too many failed attempts\. Try again in 30 seconds/);
    // From another address the person is not kept out by someone hammering from this one.
    await expect(signIn(t.db, { email: "approver2@demo.test", password: DEMO_PASSWORD, ip: "10.0.0.3", now })).resolves.toMatchObject({ email: "approver2@demo.test" });
    for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i += 1) {
      await expect(signIn(t.db, { email: "approver2@demo.test", password: "nope", ip: "10.0.0.2", now })).rejects.toThrow(/Too many|incorrect/);
    }
    const later = new Date(now.getTime() + SIGN_IN_LIMITS.pair.maxBackoffMs + 1000);
    await expect(signIn(t.db, { email: "approver2@demo.test", password: DEMO_PASSWORD, ip: "10.0.0.2", now: later })).resolves.toMatchObject({ email: "approver2@demo.test" });
  });

  it("throttles unknown emails the same way, so the back-off reveals nothing", async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i += 1) {
      await expect(signIn(t.db, { email: "ghost@demo.test", password: "nope", ip: "10.0.0.4" })).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(signIn(t.db, { email: "ghost@demo.test", password: "nope", ip: "10.0.0.4" })).rejects.toThrow(/Too many failed attempts/);
  });

  it("limits one address trying many emails (60 at once: at most the per-IP limit are checked)", async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) => signIn(t.db, { email: `stuffing-${i}@example.com`, password: "Password1", ip: "192.0.2.7" })),
    );
    expect(attempts.every((attempt) => attempt.status === "rejected")).toBe(true);
    const [ip] = await t.db.select().from(signInLimits).where(eq(signInLimits.key, "ip:192.0.2.7"));
    expect(ip?.failures).toBe(60);
    const [total] = await t.db.select({ n: sql<number>`sum(${signInFailures.failures})::int` }).from(signInFailures).where(eq(signInFailures.ip, "192.0.2.7"));
    expect(total?.n).toBe(SIGN_IN_LIMITS.ip.max);
    // A real user on that address is held back too, for the back-off only.
    await expect(signIn(t.db, { email: "admin@demo.test", password: DEMO_PASSWORD, ip: "192.0.2.7" })).rejects.toThrow(/Too many failed attempts/);
  }, 120_000);

  it("never stores the password in clear", async () => {
    const [user] = await t.db.select().from(users).where(eq(users.email, "admin@demo.test"));
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.passwordHash).not.toContain(DEMO_PASSWORD);
  });
});
