import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { ACTIONS, EVERY_WHO, PAGES, ROUTES, type Fixtures, type Who } from "./access-table";
import { hit, signInOverHttp, type HttpSession } from "./http-session";

// Roles, everywhere (issue 8): every page, route handler and server action, with every role and
// signed out, straight over HTTP, so a hidden button can never be the only guard.

const EMAILS: Record<Exclude<Who, "signed-out">, string> = {
  operator: "operator@demo.test",
  approver: "approver@demo.test",
  auditor: "auditor@demo.test",
  admin: "admin@demo.test",
};
const baseURL = `http://localhost:${process.env.E2E_PORT}`;
const distDir = process.env.NEXT_DIST_DIR || `.next-e2e-${process.env.E2E_SLOT || "default"}`;
const REFUSED = /"code":"(forbidden|unauthenticated)"/;

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };

/** The action's id in this build, and a page that loads it (where a browser would POST it). */
function actionEndpoint(file: string, name: string, fx: Fixtures): { id: string; page: string } {
  const found = Object.entries(manifest.node).find(([, entry]) => entry.filename === file && entry.exportedName === name);
  if (!found) throw new Error(`${file} ${name} is not in this build's server-reference-manifest.json`);
  const worker = Object.keys(found[1].workers).find((key) => key.startsWith("app/") && key.endsWith("/page"));
  if (!worker) throw new Error(`No page loads ${name}`);
  const page = worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "").replace(/\[[^\]]+\]/g, fx.batchId) || "/";
  return { id: found[0], page };
}

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
const sessions = new Map<Who, HttpSession | null>();
const fx: Fixtures = { targetUserId: "", batchId: "", missingBatchId: randomUUID(), payeeId: "" };

test.beforeAll(async () => {
  sessions.set("signed-out", null);
  for (const [who, email] of Object.entries(EMAILS)) sessions.set(who as Who, await signInOverHttp(baseURL, email));
  // A user for the admin actions to act on (not a demo user other specs sign in as), and a batch to open.
  const [target] = await sql<{ id: string }[]>`
    insert into users (email, name, password_hash, roles) values ('target@roles.test', 'Target', '!', '{operator}')
    on conflict (email) do update set roles = '{operator}', active = true returning id`;
  fx.targetUserId = target!.id;
  await sql`insert into payout_methods (name, currency, label) values ('ph_bank_maya_php', 'PHP', 'PHP Bank Maya') on conflict do nothing`;
  const [batch] = await sql<{ id: string }[]>`
    insert into batches (method_name, currency, description, created_by)
    select 'ph_bank_maya_php', 'PHP', 'Roles test batch', id from users where email = 'operator@demo.test' returning id`;
  fx.batchId = batch!.id;
  const [payee] = await sql<{ id: string }[]>`
    insert into payees (method_name, name, email, params, created_by)
    select 'ph_bank_maya_php', 'Roles Payee', 'payee@roles.test', '{"account_number":"000011112222"}', id from users where email = 'operator@demo.test'
    on conflict (method_name, email) do update set name = excluded.name returning id`;
  fx.payeeId = payee!.id;
});
test.afterAll(async () => sql.end());

test.describe("the access table covers everything", () => {
  test("every server action in the build has a row", () => {
    const inBuild = Object.values(manifest.node).map((entry) => `${entry.filename} ${entry.exportedName}`);
    const inTable = ACTIONS.map((rule) => `${rule.file} ${rule.name}`);
    expect([...new Set(inBuild)].filter((action) => !inTable.includes(action))).toEqual([]);
  });

  test("every page and route handler has a row", () => {
    const files = (readdirSync("app", { recursive: true }) as string[]).filter((file) => /(^|\/)(page\.tsx|route\.ts)$/.test(file));
    const toPattern = (file: string) =>
      new RegExp(`^${file.replace(/\/?(page\.tsx|route\.ts)$/, "").replace(/\([^)]+\)\/?/g, "").replace(/\[[^\]]+\]/g, "[^/?]+").replace(/^/, "/").replace(/\/$/, "")}(\\?|$)`);
    const paths = [...PAGES.map((rule) => (typeof rule.path === "string" ? rule.path : rule.path({ ...fx, batchId: "id" }))), ...ROUTES.map((rule) => rule.path)];
    const uncovered = files
      .filter((file) => !["page.tsx", "(auth)/login/page.tsx", "api/auth/[...nextauth]/route.ts"].includes(file)) // public by design
      .filter((file) => !paths.some((p) => toPattern(file).test(p)));
    expect(uncovered).toEqual([]);
  });
});

for (const who of EVERY_WHO) {
  test.describe(`as ${who}`, () => {
    for (const rule of PAGES) {
      const label = typeof rule.path === "string" ? rule.path : rule.path({ ...fx, batchId: "[id]", payeeId: "[id]" });
      const allowed = who !== "signed-out" && rule.allowed.includes(who);
      test(`page ${label}: ${allowed ? "opens" : "refused"}`, async () => {
        const target = typeof rule.path === "string" ? rule.path : rule.path(fx);
        const outcome = await hit(baseURL, sessions.get(who)!, target);
        if (allowed) expect(outcome.status).toBe(200);
        else if (who === "signed-out") {
          expect(outcome.status).toBe(307);
          expect(outcome.location).toContain("/login");
        } else expect(outcome.status).toBe(403);
      });
    }

    for (const rule of ROUTES) {
      const allowed = rule.allowed === "public" || (who !== "signed-out" && rule.allowed.includes(who));
      test(`${rule.method} ${rule.path}: ${allowed ? "answers" : "refused"}`, async () => {
        const outcome = await hit(baseURL, sessions.get(who)!, rule.path, { method: rule.method, body: rule.body, headers: rule.body ? { "content-type": "application/json" } : {} });
        if (allowed) expect(outcome.status, outcome.body).toBeLessThan(300);
        else expect(outcome.status, outcome.body).toBe(who === "signed-out" || (rule.allowed !== "public" && rule.allowed.length === 0) ? 401 : 403);
      });
    }

    for (const rule of ACTIONS) {
      const allowed = who !== "signed-out" && rule.allowed.includes(who);
      test(`action ${rule.name}: ${allowed ? "runs" : "refused, nothing changed"}`, async () => {
        const { id, page } = actionEndpoint(rule.file, rule.name, fx);
        const before = JSON.stringify(await rule.state(sql, fx, who));
        // Sign-ins and exports (audited when a stream ends) may land at any time; anything else is a change.
        const auditBefore = await sql`select count(*)::int as n from audit_log where action not like 'auth.%' and action not like '%.export'`;
        // What a browser sends for a server action call: its id, the arguments as JSON, same origin.
        const outcome = await hit(baseURL, sessions.get(who)!, page, {
          method: "POST",
          headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL },
          body: JSON.stringify(rule.args(fx, who)),
        });
        if (allowed) {
          expect(outcome.status, outcome.body).toBe(200);
          expect(outcome.body).not.toMatch(REFUSED);
          return;
        }
        if (who === "signed-out") expect([303, 307, 401]).toContain(outcome.status);
        else expect(outcome.body).toMatch(/"code":"forbidden"/);
        expect(JSON.stringify(await rule.state(sql, fx, who))).toBe(before);
        expect(await sql`select count(*)::int as n from audit_log where action not like 'auth.%' and action not like '%.export'`).toEqual(auditBefore);
      });
    }
  });
}
