import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import type { Actor } from "../audit/record-audit";
import { createContext, type ServiceContext } from "../context";
import { verifyPassword } from "../auth/password";
import { auditLog, signInLimits, users } from "../db/schema";
import { changeUserRoles } from "./change-user-roles";
import { createUser } from "./create-user";
import { resetUserPassword } from "./reset-user-password";
import { setUserActive } from "./set-user-active";

let t: TestDatabase;
let admin: { id: string; email: string };
let actor: Actor;

/** The context of an admin acting (roles as the policy reads them). */
function as(who: Actor, requestId: string | null = null): ServiceContext {
  if (who.kind !== "user") throw new Error("a person acts here");
  return createContext(t.db, { kind: "user", id: who.id, label: who.label, roles: ["admin"] }, { requestId });
}

async function auditFor(userId: string) {
  return t.db.select().from(auditLog).where(and(eq(auditLog.entityType, "user"), eq(auditLog.entityId, userId))).orderBy(auditLog.id);
}

beforeAll(async () => {
  t = await createTestDatabase();
  ({ user: admin } = await createUser(createContext(t.db, { kind: "system", id: "system", label: "script:create-admin", roles: [] }), { email: "Root@Example.com", name: "Root", password: "root-password-1", roles: ["admin"] }));
  actor = { kind: "user", id: admin.id, label: admin.email };
});
afterAll(async () => t.drop());

describe("user administration", () => {
  it("creates a user with a hashed password, audited without the password", async () => {
    const user = (await createUser(as(actor, "req-1"), { email: "new.person@example.com", name: "New Person", password: "a-long-password", roles: ["operator", "auditor"] })).user;
    expect(user.passwordHash).not.toContain("a-long-password");
    expect(await verifyPassword(user.passwordHash, "a-long-password")).toBe(true);
    const [entry] = await auditFor(user.id);
    expect(entry).toMatchObject({ action: "user.create", actorId: admin.id, actorLabel: "root@example.com", requestId: "req-1", after: { email: "new.person@example.com", roles: ["operator", "auditor"], active: true } });
    expect(JSON.stringify(entry)).not.toContain("a-long-password");
  });

  it("refuses a second user with the same email, whatever its case", async () => {
    await expect(createUser(as(actor), { email: "NEW.person@example.com", name: "Twin", password: "a-long-password", roles: ["operator"] })).rejects.toMatchObject({ code: "conflict" });
  });

  it("changes roles with before and after in the audit log", async () => {
    const user = (await createUser(as(actor), { email: "roles@example.com", name: "Roles", password: "a-long-password", roles: ["operator"] })).user;
    await changeUserRoles(as(actor), { userId: user.id, roles: ["approver", "auditor"] });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.roles).toEqual(["approver", "auditor"]);
    const entries = await auditFor(user.id);
    expect(entries.at(-1)).toMatchObject({ action: "user.roles_change", before: { roles: ["operator"] }, after: { roles: ["approver", "auditor"] } });
  });

  it("deactivates and reactivates, auditing each change once", async () => {
    const user = (await createUser(as(actor), { email: "leaver@example.com", name: "Leaver", password: "a-long-password", roles: ["operator"] })).user;
    await setUserActive(as(actor), { userId: user.id, active: false });
    await setUserActive(as(actor), { userId: user.id, active: false }); // no change, no entry
    await setUserActive(as(actor), { userId: user.id, active: true });
    expect((await auditFor(user.id)).map((entry) => entry.action)).toEqual(["user.create", "user.deactivate", "user.reactivate"]);
  });

  it("resets a password, lifts the sign-in lock and audits it without the password", async () => {
    const user = (await createUser(as(actor), { email: "locked@example.com", name: "Locked", password: "a-long-password", roles: ["operator"] })).user;
    await t.db.insert(signInLimits).values({ key: `email:${user.email}`, failures: 25, blockedUntil: new Date(Date.now() + 600_000) });
    await resetUserPassword(as(actor), { userId: user.id, password: "brand-new-password" });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(await verifyPassword(row!.passwordHash, "brand-new-password")).toBe(true);
    expect(await t.db.select().from(signInLimits).where(eq(signInLimits.key, `email:${user.email}`))).toHaveLength(0);
    const entry = (await auditFor(user.id)).at(-1);
    expect(entry?.action).toBe("user.password_reset");
    expect(JSON.stringify(entry)).not.toContain("brand-new-password");
  });
});

describe("the last active admin", () => {
  it("cannot be demoted or deactivated, and nothing is written", async () => {
    const before = await auditFor(admin.id);
    await expect(changeUserRoles(as(actor), { userId: admin.id, roles: ["auditor"] })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/last active admin/) });
    await expect(setUserActive(as(actor), { userId: admin.id, active: false })).rejects.toMatchObject({ code: "conflict" });
    const [row] = await t.db.select().from(users).where(eq(users.id, admin.id));
    expect(row).toMatchObject({ roles: ["admin"], active: true });
    expect(await auditFor(admin.id)).toHaveLength(before.length);
  });

  it("can step down once another admin is active; an inactive admin does not count", async () => {
    const dormant = (await createUser(as(actor), { email: "dormant.admin@example.com", name: "Dormant", password: "a-long-password", roles: ["admin"] })).user;
    await setUserActive(as(actor), { userId: dormant.id, active: false });
    await expect(changeUserRoles(as(actor), { userId: admin.id, roles: ["auditor"] })).rejects.toMatchObject({ code: "conflict" });
    const second = (await createUser(as(actor), { email: "second.admin@example.com", name: "Second", password: "a-long-password", roles: ["admin", "auditor"] })).user;
    await changeUserRoles(as(actor), { userId: admin.id, roles: ["auditor"] });
    // Now `second` is the last one.
    await expect(setUserActive(as(actor), { userId: second.id, active: false })).rejects.toMatchObject({ code: "conflict" });
    await changeUserRoles(as(actor), { userId: admin.id, roles: ["admin"] });
  });

  it("survives two admins demoting each other at the same moment: one change wins", async () => {
    // Inserted as admins directly: with another admin active, creating them would wait for a second admin.
    const [a, b] = await t.db.insert(users).values([{ email: "race.a@example.com", name: "A", passwordHash: "!", roles: ["admin"] }, { email: "race.b@example.com", name: "B", passwordHash: "!", roles: ["admin"] }]).returning();
    // Leave exactly a and b as the active admins.
    const others = await t.db.select({ id: users.id }).from(users).where(eq(users.active, true));
    for (const other of others) if (other.id !== a!.id && other.id !== b!.id) await changeUserRoles(as(actor), { userId: other.id, roles: ["auditor"] }).catch(() => undefined);
    const results = await Promise.allSettled([
      setUserActive(as(actor), { userId: a!.id, active: false }),
      changeUserRoles(as(actor), { userId: b!.id, roles: ["operator"] }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const admins = (await t.db.select().from(users).where(eq(users.active, true))).filter((user) => user.roles.includes("admin"));
    expect(admins).toHaveLength(1);
  });
});
