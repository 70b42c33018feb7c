import { expect, type BrowserContext, type Page } from "@playwright/test";
import postgres from "postgres";
import { expectNoViolations, insertDraft, insertNewApprover, signInWithPassword, submitForApproval, test } from "./helpers";

// Issue 13: WebAuthn passkeys as a second factor, driven with Chromium's virtual authenticator.
// A new approver with no second factor adds a passkey from the set-up gate (and gets recovery
// codes, being passkey-only), sees it on the account page, signs out, signs in with the passkey
// as the second step, is asked again before approving (step-up) and confirms with the passkey,
// then removes it (step-up again).

const sql = postgres(`postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT}/payout_desk`, { max: 2, onnotice: () => {} });
const EMAIL = `pia.${Date.now()}@passkeys.test`;

test.afterAll(async () => {
  await sql.end();
});

/** Chromium's virtual authenticator on this page: a platform passkey with user verification, answering by itself. */
async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
}

async function ageStepUp(email: string): Promise<void> {
  await sql`update session_step_ups set verified_at = now() - interval '10 minutes' where user_id = (select id from users where email = ${email})`;
}

test("a passkey is added from the set-up gate, signs in as the second step, confirms an approval and is removed with step-up", async ({ browser, pageAs }) => {
  await insertNewApprover(EMAIL, "Pia Passkey");
  const batchId = await insertDraft("operator@demo.test", ["300.00"], "Passkey step-up run");
  await submitForApproval(await pageAs("operator@demo.test"), batchId);

  const context = await browser.newContext();
  const page = await context.newPage();
  await addVirtualAuthenticator(context, page);

  // 1. Password only: the set-up gate offers a passkey beside the authenticator app.
  await signInWithPassword(page, EMAIL);
  const gate = page.getByTestId("second-factor-gate");
  await expect(gate).toBeVisible({ timeout: 60_000 });
  await gate.getByLabel("Passkey name (optional)").fill("Virtual key");
  await gate.getByRole("button", { name: "Add a passkey" }).click();
  // Passkey-only: ten recovery codes, shown once.
  await expect(page.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  await expect(page.getByText('Passkey "Virtual key" added.')).toBeVisible();
  await page.getByRole("button", { name: "I have saved my recovery codes" }).click();
  await expect(gate).toHaveCount(0);
  const [stored] = await sql<{ name: string; public_key: string; last_used_at: Date | null }[]>`
    select p.name, p.public_key, p.last_used_at from passkeys p join users u on u.id = p.user_id where u.email = ${EMAIL}`;
  expect(stored).toMatchObject({ name: "Virtual key", last_used_at: null });

  // 2. The account page (user menu "Two-step sign-in") lists it: name, created, never used.
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Two-step sign-in" }).click();
  await expect(page.getByRole("heading", { name: "Passkeys" })).toBeVisible();
  const list = page.getByRole("region", { name: "Your passkeys" });
  await expect(list.getByRole("row", { name: /Virtual key/ })).toContainText("Never");
  await expect(page.getByRole("button", { name: "Add a passkey" })).toBeVisible();
  await expectNoViolations(page, "account page with a passkey");
  await page.screenshot({ path: test.info().outputPath("account-passkeys.png"), fullPage: true });

  // 3. Signed out, signing in asks for the second step: "Use a passkey" beside the code field.
  await context.clearCookies();
  await signInWithPassword(page, EMAIL);
  const secondStep = page.getByRole("form", { name: "Two-step sign-in" });
  await expect(secondStep.getByRole("button", { name: "Use a passkey" })).toBeVisible({ timeout: 60_000 });
  await expect(secondStep.getByLabel("Recovery code")).toBeVisible();
  await expectNoViolations(page, "sign-in second step with a passkey");
  await page.screenshot({ path: test.info().outputPath("sign-in-passkey.png"), fullPage: true });
  // Keyboard: the passkey button is reached with Tab and pressed with Enter.
  await secondStep.getByRole("button", { name: "Use a passkey" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("current-user")).toBeVisible({ timeout: 60_000 });
  const [used] = await sql<{ counter: string; last_used_at: Date | null }[]>`
    select p.counter::text as counter, p.last_used_at from passkeys p join users u on u.id = p.user_id where u.email = ${EMAIL}`;
  expect(used!.last_used_at).not.toBeNull();
  expect(await sql`select method from session_step_ups s join users u on u.id = s.user_id where u.email = ${EMAIL}`).toEqual([{ method: "passkey" }]);

  // 4. Five minutes later (the proof is made older), approving asks again; the passkey lets it through.
  await ageStepUp(EMAIL);
  await page.goto(`/batches/${batchId}`);
  await page.getByTestId("approval-decision").getByRole("button", { name: "Approve" }).click();
  await page.getByRole("dialog", { name: "Approve this batch?" }).getByRole("button", { name: "Approve" }).click();
  const stepUp = page.getByRole("dialog", { name: "Confirm it's you" });
  await expect(stepUp).toBeVisible();
  expect(await sql`select count(*)::int as n from approvals where batch_id = ${batchId}`).toEqual([{ n: 0 }]);
  await expectNoViolations(page, "step-up dialog with a passkey");
  await page.screenshot({ path: test.info().outputPath("step-up-passkey.png"), fullPage: true });
  await stepUp.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Approved/ })).toBeVisible({ timeout: 60_000 });
  expect(await sql`select count(*)::int as n from approvals where batch_id = ${batchId}`).toEqual([{ n: 1 }]);

  // 5. Removing the passkey needs step-up too; the passkey itself confirms it.
  await ageStepUp(EMAIL);
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Remove Virtual key" }).click();
  await expect(stepUp).toBeVisible();
  await stepUp.getByRole("button", { name: "Use a passkey" }).click();
  await expect(page.getByRole("region", { name: "Your passkeys" })).toHaveCount(0, { timeout: 60_000 });
  expect(await sql`select count(*)::int as n from passkeys p join users u on u.id = p.user_id where u.email = ${EMAIL}`).toEqual([{ n: 0 }]);

  const audit = await sql<{ action: string; details: { purpose?: string; method?: string } | null }[]>`select action, details from audit_log where actor_label = ${EMAIL} order by id`;
  expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(["user.passkey_add", "user.passkey_use", "user.step_up", "batch.approve", "user.passkey_remove"]));
  expect(audit.filter((row) => row.action === "user.passkey_use").map((row) => row.details?.purpose)).toEqual(["sign_in", "step_up", "step_up"]);
  expect(audit.find((row) => row.action === "user.step_up")?.details).toMatchObject({ method: "passkey" });
});
