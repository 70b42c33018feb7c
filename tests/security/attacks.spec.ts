import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { ACTIONS, type Fixtures, type Who } from "../e2e/access-table";
import { signInAs } from "../e2e/helpers";
import { hit, signInOverHttp, type HttpSession } from "../e2e/http-session";

// Issue 13, the scripted attack run: what an attacker tried, replayed against the production
// build on every `npm test`. Each block failed before the fix it names.

const baseURL = `http://localhost:${process.env.E2E_PORT}`;
const distDir = process.env.NEXT_DIST_DIR || `.next-e2e-${process.env.E2E_SLOT || "default"}`;
const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
test.afterAll(async () => sql.end());

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
function actionEndpoint(name: string, batchId = "00000000-0000-4000-8000-000000000000"): { id: string; page: string } {
  const manifest = JSON.parse(readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, ManifestEntry> };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`${name} is not in this build`);
  const worker = Object.keys(found[1].workers).find((key) => key.startsWith("app/") && key.endsWith("/page"))!;
  return { id: found[0], page: worker.replace(/^app/, "").replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "").replace(/\[[^\]]+\]/g, batchId) || "/" };
}

function callAction(session: HttpSession | null, name: string, args: unknown[], body?: string) {
  const { id, page } = actionEndpoint(name);
  return hit(baseURL, session, page, {
    method: "POST",
    headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: baseURL },
    body: body ?? JSON.stringify(args),
  });
}

/** A throwaway operator with the demo password (operators need no second factor). */
async function operator(email: string): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into users (email, name, password_hash, roles)
    select ${email}, 'Attack target', password_hash, '{operator}' from users where email = 'operator@demo.test'
    on conflict (email) do update set active = true, roles = '{operator}' returning id`;
  return row!.id;
}

async function clearSignInLimits() {
  await sql`delete from sign_in_limits`;
}

async function signOutOverHttp(session: HttpSession) {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`, { headers: { cookie: session.cookie } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseURL}/api/auth/signout`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: session.cookie },
    body: new URLSearchParams({ csrfToken, json: "true" }),
  });
  expect(response.status).toBeLessThan(400);
}

test.describe("stolen session tokens", () => {
  test("a copy of the cookie stops working after its owner signs out", async () => {
    await operator("stolen-signout@security.test");
    const session = await signInOverHttp(baseURL, "stolen-signout@security.test");
    const stolen: HttpSession = { cookie: session.cookie };
    expect((await hit(baseURL, stolen, "/api/batches")).status).toBe(200);
    await signOutOverHttp(session);
    expect((await hit(baseURL, stolen, "/api/batches")).status).toBe(401);
    const page = await hit(baseURL, stolen, "/batches");
    expect(page.status).toBe(307);
    expect(page.location).toContain("/login");
  });

  test("a copy stops working after a password reset, a role change or a deactivation", async () => {
    for (const [change, apply] of [
      ["password reset", (id: string) => sql`update users set password_hash = password_hash, session_version = session_version + 1 where id = ${id}`],
      ["deactivation", (id: string) => sql`update users set active = false where id = ${id}`],
    ] as const) {
      const id = await operator(`stolen-${change.replace(" ", "-")}@security.test`);
      const stolen = await signInOverHttp(baseURL, `stolen-${change.replace(" ", "-")}@security.test`);
      expect((await hit(baseURL, stolen, "/api/batches")).status, change).toBe(200);
      await apply(id);
      expect((await hit(baseURL, stolen, "/api/batches")).status, change).toBe(401);
    }
  });

  test("a forged cookie is no session", async () => {
    expect((await hit(baseURL, { cookie: "next-auth.session-token=forged" }, "/api/batches")).status).toBe(401);
  });
});

test.describe("sign-in throttling", () => {
  test.afterEach(clearSignInLimits);

  test("25 parallel wrong passwords count 25; only 5 are checked; the right one then waits", async () => {
    await clearSignInLimits();
    await operator("bruteforce@security.test");
    const attempt = async (password: string) => {
      const csrf = await fetch(`${baseURL}/api/auth/csrf`);
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const jar = csrf.headers.getSetCookie().map((line) => line.split(";")[0]!);
      const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
        body: new URLSearchParams({ csrfToken, email: "bruteforce@security.test", password, json: "true" }),
      });
      return response.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token="));
    };
    const results = await Promise.all(Array.from({ length: 25 }, () => attempt("wrong-password")));
    expect(results.some(Boolean)).toBe(false);
    const [pair] = await sql<{ failures: number }[]>`select failures from sign_in_limits where key like 'pair:bruteforce@security.test|%'`;
    expect(pair?.failures).toBe(25);
    const [checked] = await sql<{ n: number }[]>`select coalesce(sum(failures), 0)::int as n from sign_in_failures where email = 'bruteforce@security.test'`;
    expect(checked?.n).toBe(5);
    expect(await attempt("payout-desk-demo")).toBe(false); // backing off: not even the right password is checked
    // Failures are aggregated, not one audit row each.
    expect(await sql`select 1 from audit_log where action = 'auth.sign_in_failed' and actor_label = 'bruteforce@security.test'`).toHaveLength(0);
  });

  test("60 emails from one address at once do not all get checked", async () => {
    await clearSignInLimits();
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const csrf = await fetch(`${baseURL}/api/auth/csrf`);
        const { csrfToken } = (await csrf.json()) as { csrfToken: string };
        const jar = csrf.headers.getSetCookie().map((line) => line.split(";")[0]!);
        await fetch(`${baseURL}/api/auth/callback/credentials`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
          body: new URLSearchParams({ csrfToken, email: `stuffing-${i}@security.test`, password: "Password1!", json: "true" }),
        });
      }),
    );
    const [checked] = await sql<{ n: number }[]>`select coalesce(sum(failures), 0)::int as n from sign_in_failures where email like 'stuffing-%@security.test'`;
    expect(checked!.n).toBeLessThanOrEqual(20);
    const [ip] = await sql<{ failures: number }[]>`select failures from sign_in_limits where key like 'ip:%' order by failures desc limit 1`;
    expect(ip!.failures).toBeGreaterThanOrEqual(60);
  });
});

const REDIRECT_PAYLOADS = ["/\\127.0.0.1:9999/x", "/%09/host", "/%0a/evil.example", "/\n/evil.example", "//evil.example/x", "https://evil.example/", "/\\/evil.example", "javascript:alert(1)"];

test.describe("open redirects after sign-in", () => {
  test("no callbackUrl leaves the site (HTTP)", async () => {
    await operator("redirect@security.test");
    const session = await signInOverHttp(baseURL, "redirect@security.test");
    for (const payload of REDIRECT_PAYLOADS) {
      const outcome = await hit(baseURL, session, `/login?callbackUrl=${encodeURIComponent(payload)}`);
      expect(outcome.status, payload).toBeLessThan(500);
      if (outcome.location) expect(new URL(outcome.location, baseURL).origin, payload).toBe(new URL(baseURL).origin);
    }
  });

  for (const payload of ["/\\127.0.0.1:9999/x", "/%09/host"]) {
    test(`signing in through the form with callbackUrl=${payload} stays on the site`, async ({ page }) => {
      test.setTimeout(180_000); // a cold browser sign-in on a loaded 2-core machine
      await operator("redirect@security.test");
      await page.goto(`/login?callbackUrl=${encodeURIComponent(payload)}`);
      await page.getByLabel("Email").fill("redirect@security.test");
      await page.getByLabel("Password").fill("payout-desk-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      // Where the browser went is the point: wait for the navigation to commit, not for every subresource.
      await page.waitForURL((url) => !url.pathname.startsWith("/login"), { waitUntil: "commit", timeout: 30_000 });
      expect(new URL(page.url()).origin).toBe(new URL(baseURL).origin);
      await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });
    });
  }
});

test.describe("security headers", () => {
  const PATHS = ["/login", "/batches", "/batches/new", "/approvals", "/history", "/audit", "/admin", "/admin/users", "/api/health", "/api/batches", "/api/export/audit"];

  test("on every route, static files and the webhook receiver included", async () => {
    const admin = await signInOverHttp(baseURL, "admin@demo.test");
    const login = await (await fetch(`${baseURL}/login`)).text();
    const asset = /\/_next\/static\/[^"'\s]+\.js/.exec(login)?.[0];
    expect(asset).toBeTruthy();
    const targets = [...PATHS.map((p) => ({ path: p, method: "GET" })), { path: asset!, method: "GET" }, { path: "/api/webhooks/hello-clever/00000000-0000-4000-8000-000000000000", method: "POST" }];
    for (const target of targets) {
      const abort = new AbortController();
      const response = await fetch(`${baseURL}${target.path}`, { method: target.method, headers: { cookie: admin.cookie, "content-type": "application/json" }, body: target.method === "POST" ? "{}" : undefined, redirect: "manual", signal: abort.signal });
      abort.abort();
      const h = response.headers;
      expect(h.get("x-content-type-options"), target.path).toBe("nosniff");
      expect(h.get("referrer-policy"), target.path).toBe("same-origin");
      expect(h.get("permissions-policy"), target.path).toContain("camera=()");
      expect(h.get("x-frame-options"), target.path).toBe("DENY");
      if (!target.path.startsWith("/_next/")) expect(h.get("content-security-policy"), target.path).toContain("frame-ancestors 'none'");
      if (target.path.startsWith("/api/") && target.path !== "/api/health" && target.method === "GET") expect(h.get("cache-control"), target.path).toContain("no-store");
    }
  });

  test("pages carry a per-request nonce CSP that every script tag matches", async () => {
    const first = await fetch(`${baseURL}/login`);
    const second = await fetch(`${baseURL}/login`);
    const nonce = /'nonce-([^']+)'/.exec(first.headers.get("content-security-policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    expect(first.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  test("every page works under the CSP (no violation) and /approvals does not render in a foreign iframe", async ({ page }) => {
    test.setTimeout(180_000);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/.test(message.text())) violations.push(message.text());
    });
    await signInAs(page, "admin@demo.test");
    for (const target of PATHS.filter((p) => !p.startsWith("/api/") && p !== "/login")) {
      await page.goto(target, { waitUntil: "domcontentloaded" });
      await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 30_000 });
    }
    expect(violations).toEqual([]);
    // A foreign page (another origin) framing the console: the frame stays empty.
    await page.goto("about:blank");
    await page.setContent(`<iframe id="victim" src="${baseURL}/approvals" onload="window.framed = true"></iframe>`);
    await page.waitForFunction(() => (window as unknown as { framed?: boolean }).framed === true, undefined, { timeout: 30_000 });
    await expect(page.frameLocator("#victim").getByRole("heading", { name: "Approvals" })).toHaveCount(0);
  });
});

test.describe("bad input is a 4xx with a message, never a 500", () => {
  const enc = (text: string) => Buffer.from(text).toString("base64url");
  const PROBES = [
    "/history?minAmount=x",
    "/history?minAmount=x&maxAmount=1",
    "/history?cursor=forged",
    "/history?page=99999999999999999999999",
    `/history?cursor=${enc("2026-02-30T10:00:00.000000Z|00000000-0000-4000-8000-000000000000")}`,
    `/audit?cursor=${enc("2026-01-30T10:00:00.000000Z|99999999999999999999")}`,
    "/history?q=%00abc",
    "/history?method=a%00b",
    "/audit?actor=%00x",
    "/audit?action=a%0Ab",
    "/batches?status=%00",
    "/batches/%00",
    "/batches/not-a-uuid",
    "/batches/00000000-0000-4000-8000-000000000000?page=99999999999999999999999",
    "/api/batches?status=%00",
    "/api/batches?cursor=forged",
    `/api/batches?cursor=${enc(JSON.stringify(["2026-02-30 10:00:00+00", "00000000-0000-4000-8000-000000000000"]))}`,
    `/api/batches?sort=total&cursor=${enc(JSON.stringify(["1e999", "00000000-0000-4000-8000-000000000000"]))}`,
    "/api/batches?limit=99999999999999999999999",
    "/api/export/history?q=%00abc",
    "/api/export/history?minAmount=x",
    "/api/export/audit?actor=%00",
    "/login?callbackUrl=%0a//evil.example",
  ];

  test("query strings", async () => {
    const auditor = await signInOverHttp(baseURL, "auditor@demo.test");
    for (const probe of PROBES) {
      const outcome = await hit(baseURL, auditor, probe);
      expect(outcome.status, `${probe}: ${outcome.body.slice(0, 200)}`).toBeLessThan(500);
      if (probe.startsWith("/api/export/")) expect(outcome.status, probe).toBe(422);
    }
  });

  test("a refused export is still audited, with the failure", async () => {
    const auditor = await signInOverHttp(baseURL, "auditor@demo.test");
    expect((await hit(baseURL, auditor, "/api/export/history?q=%00abc")).status).toBe(422);
    const rows = await sql<{ details: { outcome: string; error: string } }[]>`select details from audit_log where action = 'history.export' order by id desc limit 1`;
    expect(rows[0]?.details).toMatchObject({ outcome: "refused", error: expect.stringContaining("control characters") });
  });

  test("server actions: NUL in a field, a body over 8 MB, nesting 20,000 deep", async () => {
    await operator("actions@security.test");
    const session = await signInOverHttp(baseURL, "actions@security.test");
    const nul = await callAction(session, "saveDraftAction", [{ methodName: "ph_bank_maya_php", description: "Payroll\u0000 run", transactions: [] }]);
    expect(nul.status).toBeLessThan(500);
    expect(nul.body).toMatch(/"ok":false/);
    const huge = await callAction(session, "saveDraftAction", [], JSON.stringify([{ methodName: "ph_bank_maya_php", description: "x".repeat(9 * 1024 * 1024), transactions: [] }]));
    expect(huge.status).toBe(413);
    expect(huge.body).toContain("8 MB");
    const deep = await callAction(session, "saveDraftAction", [], `[{"methodName":"ph_bank_maya_php","description":"deep","transactions":${"[".repeat(20_000)}${"]".repeat(20_000)}}]`);
    expect(deep.status).toBe(400);
    expect(deep.body).toContain("nested too deeply");
  });

  test("a webhook status with a NUL is not a 500", async () => {
    const outcome = await hit(baseURL, null, "/api/webhooks/hello-clever/00000000-0000-4000-8000-000000000000", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "forged" },
      body: JSON.stringify({ status: "completed\u0000", uuid: "x\u0000y" }),
    });
    expect(outcome.status).toBeLessThan(500);
  });
});

test.describe("forged server actions, per role", () => {
  const EMAILS: Record<Exclude<Who, "signed-out">, string> = { operator: "operator@demo.test", approver: "approver@demo.test", auditor: "auditor@demo.test", admin: "admin@demo.test" };
  const fx: Fixtures = { targetUserId: "00000000-0000-4000-8000-000000000001", batchId: "00000000-0000-4000-8000-000000000002", missingBatchId: "00000000-0000-4000-8000-000000000003", payeeId: "00000000-0000-4000-8000-000000000004" };

  test("every action refuses every role it is not for, and the signed-out", async () => {
    const sessions = new Map<Who, HttpSession | null>([["signed-out", null]]);
    for (const [who, email] of Object.entries(EMAILS)) sessions.set(who as Who, await signInOverHttp(baseURL, email));
    for (const rule of ACTIONS) {
      for (const [who, session] of sessions) {
        if (who !== "signed-out" && rule.allowed.includes(who)) continue;
        const outcome = await callAction(session, rule.name, rule.args(fx, who));
        if (who === "signed-out") expect([303, 307, 401], `${rule.name} signed out`).toContain(outcome.status);
        else expect(outcome.body, `${rule.name} as ${who}`).toMatch(/"code":"(forbidden|unauthenticated)"/);
      }
    }
  });
});

test.describe("live streams", () => {
  /** Opens /api/live and resolves with its status once the answer starts; `close` ends it. */
  async function openStream(session: HttpSession) {
    const abort = new AbortController();
    const response = await fetch(`${baseURL}/api/live`, { headers: { cookie: session.cookie }, signal: abort.signal });
    const reader = response.body?.getReader();
    const read = async () => {
      if (!reader) return "";
      try {
        let text = "";
        for (;;) {
          const next = await reader.read();
          if (next.done) return `${text}[closed]`;
          text += new TextDecoder().decode(next.value);
        }
      } catch {
        return "[aborted]";
      }
    };
    return { status: response.status, rest: read(), close: () => abort.abort() };
  }

  test("at most 10 open streams per person; the 11th is refused with a message", async () => {
    await operator("streams@security.test");
    const session = await signInOverHttp(baseURL, "streams@security.test");
    const streams = [];
    for (let i = 0; i < 10; i += 1) streams.push(await openStream(session));
    expect(streams.map((stream) => stream.status)).toEqual(Array(10).fill(200));
    const eleventh = await openStream(session);
    expect(eleventh.status).toBe(429);
    expect(await eleventh.rest).toContain("At most 10 live views");
    streams.pop()!.close();
    // Once one closes, another may open (the server notices the reader is gone).
    await expect.poll(async () => {
      const again = await openStream(session);
      again.close();
      return again.status;
    }, { timeout: 30_000 }).toBe(200);
    for (const stream of streams) stream.close();
  });

  test("an open stream closes within a minute of its reader losing access", async () => {
    test.setTimeout(150_000);
    const id = await operator("stream-revoked@security.test");
    const session = await signInOverHttp(baseURL, "stream-revoked@security.test");
    const stream = await openStream(session);
    expect(stream.status).toBe(200);
    await sql`update users set session_version = session_version + 1 where id = ${id}`;
    const outcome = await Promise.race([stream.rest, new Promise<string>((resolve) => setTimeout(() => resolve("[still open]"), 120_000))]);
    stream.close();
    expect(outcome).toContain("event: signed_out");
    expect(outcome).toContain("[closed]");
  });
});
