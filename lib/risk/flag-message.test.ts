import { describe, expect, it } from "vitest";
import { flagMessage } from "./flag-message";

const row = { position: 4, email: " Ana@Example.org ", amount: "1500.00" };

describe("flagMessage", () => {
  it("writes each stored flag's sentence from its row and its facts", () => {
    expect(flagMessage("first_payout", null, row, "PHP")).toBe("Row 5: first payout to ana@example.org on this method");
    expect(flagMessage("payee_not_approved", { newPayee: true }, row, "PHP")).toMatch(/^Row 5: ana@example.org is new to the payee book/);
    expect(flagMessage("payee_not_approved", null, row, "PHP")).toBe("Row 5: ana@example.org is in the payee book but not yet approved");
    expect(flagMessage("above_usual", { median: "200.00", earlier: 3, factor: 5 }, row, "PHP")).toBe("Row 5: 1500.00 PHP is more than 5× ana@example.org's median payout of 200.00 (3 earlier)");
    expect(flagMessage("duplicate", { sameAsRow: 2 }, row, "PHP")).toBe("Row 5: same payee and amount (1500.00 PHP) as row 2 of this batch");
    expect(flagMessage("duplicate", { sameAsBatch: { id: "0bcfccd2-2a69-4f5f-9e70-cffcb7eee707", day: "2026-11-30" } }, row, "PHP")).toBe(
      "Row 5: same payee and amount (1500.00 PHP) as batch 0bcfccd2 of 2026-11-30",
    );
    expect(flagMessage("account_changed", { changedOn: "2026-11-30", withinDays: 30 }, row, "PHP")).toBe("Row 5: ana@example.org's account details were changed on 2026-11-30, within the last 30 days");
  });

  it("keeps the sentence of a flag stored before sentences were written on reading", () => {
    expect(flagMessage("duplicate", { text: "Row 9: as it was written" }, row, "PHP")).toBe("Row 9: as it was written");
  });
});
