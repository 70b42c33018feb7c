import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { auditLog, users } from "../db/schema";
import { DEMO_PASSWORD } from "../users/demo-users";
import { seedDemoUsers } from "../users/seed-demo-users";
import { LOCK_MINUTES, MAX_FAILURES, SIGN_IN_FAILED_MESSAGE, signIn } from "./sign-in";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoUsers(t.db);
});
afterAll(async () => t.drop());

describe("sign-in", () => {
  it("signs in a demo user with the demo password and audits it", async () => {
    const user = await signIn(t.db, { email: "Operator@Demo.test ", password: DEMO_PASSWORD });
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

  it("locks an email after repeated failures, even with the right password, then lets it in after the lock", async () => {
    const now = new Date("2026-01-01T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      await expect(signIn(t.db, { email: "auditor@demo.test", password: "nope", now })).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(signIn(t.db, { email: "auditor@demo.test", password: DEMO_PASSWORD, now })).rejects.toThrow(/Too many failed attempts/);
    const later = new Date(now.getTime() + (LOCK_MINUTES + 1) * 60_000);
    await expect(signIn(t.db, { email: "auditor@demo.test", password: DEMO_PASSWORD, now: later })).resolves.toMatchObject({ email: "auditor@demo.test" });
  });

  it("locks unknown emails too, so the lock reveals nothing", async () => {
    const now = new Date("2026-01-02T10:00:00Z");
    for (let i = 0; i < MAX_FAILURES; i += 1) {
      await expect(signIn(t.db, { email: "ghost@demo.test", password: "nope", now })).rejects.toThrow(SIGN_IN_FAILED_MESSAGE);
    }
    await expect(signIn(t.db, { email: "ghost@demo.test", password: "nope", now })).rejects.toThrow(/Too many failed attempts/);
  });

  it("never stores the password in clear", async () => {
    const [user] = await t.db.select().from(users).where(eq(users.email, "admin@demo.test"));
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user?.passwordHash).not.toContain(DEMO_PASSWORD);
  });
});
