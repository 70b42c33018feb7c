import { expect } from "@playwright/test";
import postgres from "postgres";
import { totpCodeAt } from "../../lib/auth/totp";
import { approveOnBatchPage, insertDraft, insertNewApprover, signInWithPassword, submitForApproval, test, totpCodeFor } from "./helpers";

// Issue 13: an approver without a second factor sets up TOTP before anything else, then signing
// in asks for the code, and approving after 5 minutes asks again (step-up) before it goes through.

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
const EMAIL = `nia.${Date.now()}@stepup.test`;

test.afterAll(async () => {
  await sql.end();
});

test("an approver sets up TOTP before anything else, signs in with a code, and is asked again before approving", async ({ browser, pageAs }) => {
  await insertNewApprover(EMAIL, "Nia Newapprover");
  const batchId = await insertDraft("operator@demo.test", ["300.00"], "Step-up run");

  await submitForApproval(await pageAs("operator@demo.test"), batchId);

  // 1. Password only, then the set-up, whichever page is asked for.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithPassword(page, EMAIL);
  await expect(page.getByTestId("second-factor-gate")).toBeVisible();
  await page.goto(`/batches/${batchId}`);
  await expect(page.getByRole("heading", { name: "Set up two-step sign-in first" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await page.getByRole("button", { name: "Set up authenticator app" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await page.getByLabel("Code from the app").fill("123456");
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText(/that code is not right/i)).toBeVisible();
  await page.getByLabel("Code from the app").fill(totpCodeAt(secret, new Date()));
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  const recoveryCode = (await page.getByTestId("recovery-codes").getByRole("listitem").first().textContent())!.trim();
  await page.screenshot({ path: test.info().outputPath("totp-recovery-codes.png"), fullPage: true });
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(page.getByTestId("second-factor-gate")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
  const secrets = await sql`select secret_encrypted from user_totp t join users u on u.id = t.user_id where u.email = ${EMAIL}`;
  expect(secrets[0]!.secret_encrypted).not.toContain(secret); // encrypted at rest

  // 2. Signing in again asks for the code after the password; a wrong code is refused, a recovery code works once.
  await context.clearCookies();
  await signInWithPassword(page, EMAIL);
  await page.getByLabel("Authentication code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText(/not right/)).toBeVisible();
  await page.getByLabel("Authentication code").fill(recoveryCode);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("current-user")).toBeVisible();

  // 3. Five minutes later (the proof is made older), approving asks again; the code lets it through.
  await sql`update session_step_ups set verified_at = now() - interval '10 minutes' where user_id = (select id from users where email = ${EMAIL})`;
  await page.goto(`/batches/${batchId}`);
  await approveOnBatchPage(page);
  const dialog = page.getByTestId("step-up-dialog");
  await expect(dialog).toBeVisible();
  await expect(page.getByRole("dialog", { name: "Confirm it's you" })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("step-up-dialog.png"), fullPage: true });
  expect(await sql`select count(*)::int as n from approvals where batch_id = ${batchId}`).toEqual([{ n: 0 }]);
  await dialog.getByLabel("Authentication code").fill(await totpCodeFor(EMAIL, secret));
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Approved/ })).toBeVisible();
  expect(await sql`select count(*)::int as n from approvals where batch_id = ${batchId}`).toEqual([{ n: 1 }]);
  const audit = await sql`select action from audit_log where actor_label = ${EMAIL} order by id`;
  expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(["user.totp_enable", "user.step_up", "batch.approve"]));
  await context.close();
});
