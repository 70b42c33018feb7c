import { expect, test } from "@playwright/test";
import { signInAs } from "./helpers";

// The admin's "Provider check" against the simulator `npm start` runs: read-only checks of the
// documented endpoints, stored, and /admin says when they last held.

test("an admin runs the provider check and sees that it held", async ({ page }) => {
  await signInAs(page, "admin@demo.test");
  await page.goto("/admin");
  const panel = page.getByTestId("provider-check");
  await expect(panel.getByRole("heading", { name: "Provider check" })).toBeVisible();
  await panel.getByRole("button", { name: "Run provider check" }).click();
  await expect(panel.getByTestId("provider-check-outcome")).toContainText("The last check held", { timeout: 30_000 });
  await expect(panel.getByTestId("provider-check-last-held")).toContainText("Last held");
  await expect(panel.getByText("GET /api/v2/payouts/payout_method/params").first()).toBeVisible();
  await page.screenshot({ path: "test-results/provider-check.png", fullPage: true });
  // Kept across a reload: it is stored.
  await page.reload();
  await expect(page.getByTestId("provider-check-last-held")).toContainText("Last held");
});
