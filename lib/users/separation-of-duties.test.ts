import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { userContext } from "../../tests/helpers/context";
import { auditRows, insertBatch } from "../../tests/helpers/pending-batch";
import { approveBatch } from "../approvals/approve-batch";
import { getApprovalPanel } from "../approvals/get-approval-panel";
import { createContext, systemContext, type ServiceContext } from "../context";
import { auditLog, roleGrants, users } from "../db/schema";
import type { HelloCleverClient } from "../hello-clever/client";
import { mayApprove } from "../policy/batches";
import { changeUserRoles } from "./change-user-roles";
import { createUser } from "./create-user";
import { decideRoleGrant } from "./decide-role-grant";

let t: TestDatabase;
const queue = { enqueueSubmit: async () => undefined };
const noBalance = { getBalance: async () => ({ availableBalance: "1000000.00" }) } as unknown as HelloCleverClient;

async function insertAdmin(email: string): Promise<ServiceContext> {
  const [row] = await t.db.insert(users).values({ email, name: email, passwordHash: "!", roles: ["admin"] }).returning();
  return createContext(t.db, { kind: "user", id: row!.id, label: email, roles: ["admin"] });
}

async function rolesOf(id: string) {
  const [row] = await t.db.select({ roles: users.roles }).from(users).where(eq(users.id, id));
  return row!.roles;
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe("separation of admin duties", () => {
  it("a lone admin grants approver at once (a grant is recorded for the 24-hour rule)", async () => {
    const solo = await createTestDatabase();
    try {
      const [row] = await solo.db.insert(users).values({ email: "solo@example.com", name: "Solo", passwordHash: "!", roles: ["admin"] }).returning();
      const ctx = createContext(solo.db, { kind: "user", id: row!.id, label: "solo@example.com", roles: ["admin"] });
      const { user, pendingGrant } = await createUser(ctx, { email: "first.approver@example.com", name: "First", password: "a-long-password", roles: ["approver"] });
      expect(pendingGrant).toBeNull();
      expect(user.roles).toEqual(["approver"]);
      expect(await solo.db.select().from(roleGrants).where(eq(roleGrants.userId, user.id))).toMatchObject([{ status: "applied", requestedBy: row!.id, decidedBy: row!.id }]);
    } finally {
      await solo.drop();
    }
  });

  it("with two admins, creating an approver waits for the other admin; the asker cannot confirm it", async () => {
    const alice = await insertAdmin("alice@example.com");
    const bob = await insertAdmin("bob@example.com");
    const { user, pendingGrant } = await createUser(alice, { email: "puppet@example.com", name: "Puppet", password: "a-long-password", roles: ["approver", "auditor"] });
    expect(user.roles).toEqual(["auditor"]);
    expect(pendingGrant).toMatchObject({ roles: ["approver", "auditor"] });
    await expect(decideRoleGrant(alice, { grantId: pendingGrant!.id, decision: "confirm" })).rejects.toMatchObject({ code: "forbidden", message: expect.stringMatching(/another admin must confirm/) });
    expect(await rolesOf(user.id)).toEqual(["auditor"]);
    await expect(decideRoleGrant(bob, { grantId: pendingGrant!.id, decision: "confirm" })).resolves.toEqual({ status: "applied" });
    expect(await rolesOf(user.id)).toEqual(["approver", "auditor"]);
    await expect(decideRoleGrant(bob, { grantId: pendingGrant!.id, decision: "confirm" })).rejects.toMatchObject({ code: "conflict" });
    const actions = (await t.db.select().from(auditLog).where(eq(auditLog.entityId, user.id))).map((row) => [row.action, row.actorLabel]);
    expect(actions).toEqual([
      ["user.create", "alice@example.com"],
      ["user.role_grant_request", "alice@example.com"],
      ["user.role_grant_confirm", "bob@example.com"],
      ["user.roles_change", "bob@example.com"],
    ]);
  });

  it("promoting to admin waits too; removing roles applies at once; a cancelled request changes nothing", async () => {
    const carol = await insertAdmin("carol@example.com");
    const dave = await insertAdmin("dave@example.com");
    const { user } = await createUser(carol, { email: "worker@example.com", name: "Worker", password: "a-long-password", roles: ["operator", "auditor"] });
    const asked = await changeUserRoles(carol, { userId: user.id, roles: ["operator", "admin"] });
    expect(asked.status).toBe("pending");
    expect(await rolesOf(user.id)).toEqual(["operator", "auditor"]);
    await decideRoleGrant(dave, { grantId: asked.grantId!, decision: "cancel" });
    await expect(decideRoleGrant(dave, { grantId: asked.grantId!, decision: "confirm" })).rejects.toMatchObject({ code: "conflict" });
    expect(await changeUserRoles(carol, { userId: user.id, roles: ["operator"] })).toEqual({ status: "applied" });
    expect(await rolesOf(user.id)).toEqual(["operator"]);
  });
});

describe("the 24-hour rule", () => {
  it("the policy refuses a grantee approving their granter's batch, and only that", () => {
    const batch = { status: "pending_approval" as const, createdBy: "admin-1" };
    const approver = { kind: "user" as const, id: "new", roles: ["approver" as const] };
    expect(mayApprove(approver, { ...batch, approverGrantedBy: ["admin-1"] })).toMatchObject({ allowed: false, reason: "granted_by_maker" });
    expect(mayApprove(approver, { ...batch, approverGrantedBy: ["admin-2"] })).toEqual({ allowed: true });
    expect(mayApprove(approver, batch)).toEqual({ allowed: true });
  });

  it("an approver made by an admin cannot approve that admin's batch for 24 hours (audited, shown on the panel); another admin's batch is fine", async () => {
    const erin = await insertAdmin("erin@example.com");
    const frank = await insertAdmin("frank@example.com");
    const { user, pendingGrant } = await createUser(erin, { email: "fresh.approver@example.com", name: "Fresh", password: "a-long-password", roles: ["approver"] });
    await decideRoleGrant(frank, { grantId: pendingGrant!.id, decision: "confirm" });
    const approver = userContext(t.db, { id: user.id, label: user.email, roles: ["approver"] });
    const byErin = await insertBatch(t.db, { makerId: erin.actor.id });
    const byFrank = await insertBatch(t.db, { makerId: frank.actor.id });
    const other = await insertAdmin("grace@example.com");
    const byGrace = await insertBatch(t.db, { makerId: other.actor.id });

    // Erin asked, Frank confirmed: neither's batch, within 24 hours.
    await expect(approveBatch(approver, { batchId: byErin.id, version: byErin.version }, queue)).rejects.toMatchObject({ code: "forbidden", details: { reason: "granted_by_maker" } });
    await expect(approveBatch(approver, { batchId: byFrank.id, version: byFrank.version }, queue)).rejects.toMatchObject({ code: "forbidden" });
    expect(await auditRows(t.db, byErin.id, "batch.approve_refused")).toHaveLength(1);
    const panel = await getApprovalPanel(systemContext(t.db, "test"), { client: noBalance, batchId: byErin.id, viewer: { id: user.id, roles: ["approver"] } });
    expect(panel?.viewer).toMatchObject({ canDecide: false, grantedByMaker: true });

    await expect(approveBatch(approver, { batchId: byGrace.id, version: byGrace.version }, queue)).resolves.toMatchObject({ status: "approved" });
    // A day later the rule no longer applies.
    const tomorrow = new Date(Date.now() + 25 * 3600_000);
    await expect(approveBatch(userContext(t.db, { id: user.id, label: user.email, roles: ["approver"] }, () => tomorrow), { batchId: byErin.id, version: byErin.version }, queue)).resolves.toMatchObject({ status: "approved" });
  });
});
