import http from "node:http";
import { and, eq } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../lib/audit/record-audit";
import { createContext } from "../../lib/context";
import { notificationPreferences, notifications, outgoingWebhookAttempts, outgoingWebhookDeliveries, users } from "../../lib/db/schema";
import { startBoss } from "../../lib/jobs/boss";
import { registerNotifyWorkers } from "../../lib/jobs/notify-jobs";
import { createMailer } from "../../lib/mail/mailer";
import { startSmtpCatcher, type CaughtMessage, type SmtpCatcher } from "../../lib/mail/smtp-catcher";
import { createEndpoint, rotateEndpointSecret } from "../../lib/outgoing-webhooks/manage-endpoints";
import { notifyExpiringApprovals } from "../../lib/notifications/process-audit-events";
import { outgoingWebhookEndpoints } from "../../lib/db/schema";
import { systemContext } from "../../lib/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { insertUser } from "../helpers/batch-fixtures";
import { freePort } from "../helpers/free-port";
import { insertBatch } from "../helpers/pending-batch";

// Audit trail → notifications, mail (through a real SMTP server) and signed outgoing webhooks.
let t: TestDatabase;
let boss: PgBoss;
let stopNotify: () => Promise<void>;
let smtpPort: number;
let catcher: SmtpCatcher | null = null;
const caught: CaughtMessage[] = [];
let maker: { id: string; label: string };
let approvers: { id: string; label: string }[];
let admin: { id: string; label: string };

const startCatcher = async () => {
  catcher = await startSmtpCatcher({ port: smtpPort, store: async (message) => void caught.push(message) });
};

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What submit-for-approval leaves behind: a pending batch and its audit row. */
async function submitForApprovalLike(description = "Payroll for testing") {
  const batch = await insertBatch(t.db, { makerId: maker.id, overrides: { description } });
  await recordAudit(t.db, { actor: { kind: "user", ...maker }, action: "batch.submit_for_approval", batchId: batch.id, before: { status: "draft" }, after: { status: "pending_approval" } });
  return batch;
}

beforeAll(async () => {
  t = await createTestDatabase();
  smtpPort = await freePort();
  await startCatcher();
  boss = await startBoss(t.url, { max: 3 });
  stopNotify = await registerNotifyWorkers(boss, {
    db: t.db,
    sql: t.sql,
    config: { mailer: createMailer(`smtp://127.0.0.1:${smtpPort}`, "Payout Desk <desk@test.example>"), baseUrl: "http://console.test", delivery: { schedule: [0, 1, 1, 1], allowPrivate: true }, mailRetryDelayS: 1 },
  });
  maker = await insertUser(t.db, ["operator"], "Maker");
  approvers = [await insertUser(t.db, ["approver"], "Approver One"), await insertUser(t.db, ["approver"], "Approver Two")];
  admin = await insertUser(t.db, ["admin"], "Admin");
});
afterAll(async () => {
  await stopNotify?.();
  await boss?.stop({ graceful: false, wait: true });
  await catcher?.stop();
  await t?.drop();
});

describe("notifications from the audit trail", () => {
  it("tells every approver who may approve (not the maker) in-app and by mail, with a link and no account numbers", async () => {
    const batch = await submitForApprovalLike("March payroll");
    const rows = await waitFor("notifications", () => t.db.select().from(notifications).where(eq(notifications.batchId, batch.id)), (r) => r.length === 3);
    expect(rows.map((r) => r.userId).sort()).toEqual([approvers[0]!.id, approvers[1]!.id, admin.id].sort());
    expect(rows.every((r) => r.kind === "approval_waiting")).toBe(true);
    const mails = await waitFor("mail", async () => caught.filter((m) => m.subject === "A batch waits for your approval" && m.text.includes("March payroll")), (m) => m.length === 3);
    expect(mails.flatMap((m) => m.rcptTo).sort()).toEqual([approvers[0]!.label, approvers[1]!.label, admin.label].sort());
    expect(mails[0]!.text).toContain(`http://console.test/batches/${batch.id}`);
    expect(mails[0]!.html).toContain(`href="http://console.test/batches/${batch.id}"`);
    expect(mails.map((m) => m.text + m.html).join()).not.toMatch(/12345678/);
  });

  it("tells the maker of a rejection, with the reason", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, status: "rejected" });
    await recordAudit(t.db, { actor: { kind: "user", ...approvers[0]! }, action: "batch.reject", batchId: batch.id, before: { status: "pending_approval" }, after: { status: "rejected" }, details: { reason: "Wrong bank for two payees" } });
    const [row] = await waitFor("rejection", () => t.db.select().from(notifications).where(and(eq(notifications.batchId, batch.id), eq(notifications.userId, maker.id))), (r) => r.length === 1);
    expect(row!.kind).toBe("batch_rejected");
    expect(row!.body).toContain("Wrong bank for two payees");
  });

  it("keeps mail off and digests as each person chose", async () => {
    await t.db.insert(notificationPreferences).values([
      { userId: approvers[0]!.id, emailOff: ["approval_waiting"] },
      { userId: approvers[1]!.id, digest: true },
    ]);
    const batch = await submitForApprovalLike("Preferences check");
    const rows = await waitFor("notifications", () => t.db.select().from(notifications).where(eq(notifications.batchId, batch.id)), (r) => r.length === 3);
    const status = Object.fromEntries(rows.map((r) => [r.userId, r.mailStatus]));
    expect(status[approvers[0]!.id]).toBeNull();
    expect(status[approvers[1]!.id]).toBe("digest");
    await t.db.delete(notificationPreferences);
  });

  it("a mail server that is down delays mail and loses none", async () => {
    await catcher!.stop();
    catcher = null;
    const before = caught.length;
    const batch = await submitForApprovalLike("Sent while the mail server was down");
    await waitFor("notifications", () => t.db.select().from(notifications).where(eq(notifications.batchId, batch.id)), (r) => r.length === 3);
    // The jobs fail while the server is down (no mail can arrive), and are retried.
    await waitFor("failed attempts", () => t.sql`select count(*)::int as n from pgboss.job where name = 'send-mail' and retry_count > 0`, (r) => r[0]!.n >= 1);
    expect(caught.length).toBe(before);
    await startCatcher();
    await waitFor("delayed mail", async () => caught.filter((m) => m.text.includes("Sent while the mail server was down")), (m) => m.length === 3, 60_000);
    const pending = await t.db.select().from(notifications).where(eq(notifications.batchId, batch.id));
    expect(pending.every((r) => r.mailStatus === "sent")).toBe(true);
  });

  it("never notifies the API key's pseudo-user or inactive people", async () => {
    const [inactive] = await t.db.insert(users).values({ email: "gone@test.example", name: "Gone", passwordHash: "x", roles: ["approver"], active: false }).returning();
    const batch = await submitForApprovalLike("Inactive check");
    const rows = await waitFor("notifications", () => t.db.select().from(notifications).where(eq(notifications.batchId, batch.id)), (r) => r.length === 3);
    expect(rows.map((r) => r.userId)).not.toContain(inactive!.id);
  });
});

describe("outgoing webhooks", () => {
  it("a receiver that fails twice gets the signed event on the third attempt, once", async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string; status: number }[] = [];
    const server = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        const status = received.length < 2 ? 500 : 204;
        received.push({ headers: request.headers, body, status });
        response.writeHead(status).end(status === 500 ? "down for maintenance" : "");
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    try {
      const ctx = createContext(t.db, { kind: "user", id: admin.id, label: admin.label, roles: ["admin"] });
      const { endpointId, secret } = await createEndpoint(ctx, { url: `http://127.0.0.1:${port}/hooks`, description: "", events: ["batch.pending_approval"], allowPrivate: true });
      expect(secret).toMatch(/^whsec_/);
      const batch = await submitForApprovalLike("Webhook check");
      await waitFor("three attempts", async () => received.length, (n) => n >= 3);
      await new Promise((resolve) => setTimeout(resolve, 2500)); // nothing more arrives
      expect(received.map((r) => r.status)).toEqual([500, 500, 204]);
      const last = received[2]!;
      expect(new Set(received.map((r) => r.headers["webhook-id"])).size).toBe(1);
      const payload = new Webhook(secret).verify(last.body, {
        "webhook-id": String(last.headers["webhook-id"]),
        "webhook-timestamp": String(last.headers["webhook-timestamp"]),
        "webhook-signature": String(last.headers["webhook-signature"]),
      }) as { type: string; data: { batch: { id: string; status: string } } };
      expect(payload.type).toBe("batch.pending_approval");
      expect(payload.data.batch).toMatchObject({ id: batch.id, status: "pending_approval" });
      const attempts = await t.db.select().from(outgoingWebhookAttempts).where(eq(outgoingWebhookAttempts.endpointId, endpointId));
      expect(attempts.map((a) => a.responseStatus).sort()).toEqual([204, 500, 500]);
      expect(attempts.find((a) => a.responseStatus === 500)!.responseBody).toBe("down for maintenance");
      const [delivery] = await t.db.select().from(outgoingWebhookDeliveries).where(eq(outgoingWebhookDeliveries.endpointId, endpointId));
      expect(delivery).toMatchObject({ status: "succeeded", attempts: 3 });

      // Rotation: both secrets verify for a while.
      const rotated = await rotateEndpointSecret(ctx, { endpointId });
      received.length = 2; // the receiver answers 204 from now on
      await submitForApprovalLike("After rotation");
      await waitFor("the next event", async () => received.length, (n) => n >= 3);
      const next = received[2]!;
      const headers = { "webhook-id": String(next.headers["webhook-id"]), "webhook-timestamp": String(next.headers["webhook-timestamp"]), "webhook-signature": String(next.headers["webhook-signature"]) };
      expect(() => new Webhook(secret).verify(next.body, headers)).not.toThrow();
      expect(() => new Webhook(rotated.secret).verify(next.body, headers)).not.toThrow();
    } finally {
      server.close();
    }
  });
});

describe("timed notifications", () => {
  it("tells checkers once when an approval is about to expire (a day before)", async () => {
    const batch = await insertBatch(t.db, { makerId: maker.id, approvalExpiresAt: new Date(Date.now() + 12 * 3600_000), overrides: { description: "Expiring soon" } });
    const ctx = systemContext(t.db, "test");
    await notifyExpiringApprovals(ctx);
    await notifyExpiringApprovals(ctx);
    const rows = await t.db.select().from(notifications).where(and(eq(notifications.batchId, batch.id), eq(notifications.kind, "approval_expiring")));
    expect(rows.map((r) => r.userId).sort()).toEqual([approvers[0]!.id, approvers[1]!.id, admin.id].sort());
  });

  it("disables an endpoint after 5 days of failure and tells the admins", async () => {
    const ctx = createContext(t.db, { kind: "user", id: admin.id, label: admin.label, roles: ["admin"] });
    const port = await freePort(); // nothing listens: every attempt fails
    const { endpointId } = await createEndpoint(ctx, { url: `http://127.0.0.1:${port}/gone`, description: "", events: ["batch.pending_approval"], allowPrivate: true });
    await t.db.update(outgoingWebhookEndpoints).set({ failingSince: new Date(Date.now() - 6 * 86_400_000) }).where(eq(outgoingWebhookEndpoints.id, endpointId));
    await submitForApprovalLike("Endpoint gone");
    const [endpoint] = await waitFor("disabled", () => t.db.select().from(outgoingWebhookEndpoints).where(eq(outgoingWebhookEndpoints.id, endpointId)), (r) => r[0]?.enabled === false);
    expect(endpoint!.disabledReason).toMatch(/5 days/);
    const told = await waitFor("admin notified", () => t.db.select().from(notifications).where(and(eq(notifications.userId, admin.id), eq(notifications.kind, "webhook_endpoint_disabled"))), (r) => r.length === 1);
    expect(told[0]!.link).toBe(`/admin/webhooks?endpoint=${endpointId}`);
  });
});
