import { describe, expect, it } from "vitest";
import { batchPayload, canonicalPayload, payloadHash, type HashablePayload } from "./payload-hash";

const base: HashablePayload = {
  payoutMethodName: "ph_bank_maya_php",
  currency: "PHP",
  description: "April payouts",
  scheduledAt: new Date("2030-05-01T08:00:00.123Z"),
  externalId: "b1",
  transactions: [
    { firstName: "Juan", lastName: "Dela Cruz", email: "juan@example.org", amount: "250.50", params: { bank_code: "601", account_number: "0001234" } },
    { firstName: "Ana", lastName: "Reyes", email: "ana@example.org", amount: "1000.00", externalId: "ref-2", params: { account_number: "0009" } },
  ],
};

describe("payload hash", () => {
  it("hashes each row's external id as submission sends it: the operator's, else the row's own id", () => {
    const batch = { id: "b1", methodName: "ph_bank_maya_php", currency: "PHP", description: "Payroll run", scheduledAt: null };
    const row = { id: "row-1", firstName: "Ana", lastName: "Reyes", email: "ana@example.org", amount: "250.00", params: { account_number: "0012" } };
    expect(batchPayload(batch, [{ ...row, externalId: null }]).transactions[0]!.externalId).toBe("row-1");
    expect(batchPayload(batch, [{ ...row, externalId: "" }]).transactions[0]!.externalId).toBe("row-1");
    expect(batchPayload(batch, [{ ...row, externalId: "INV-7" }]).transactions[0]!.externalId).toBe("INV-7");
  });


  it("is stable: param key order and the schedule's milliseconds (never sent) do not change it", () => {
    const reordered = { ...base, scheduledAt: new Date("2030-05-01T08:00:00.999Z"), transactions: [{ ...base.transactions[0]!, params: { account_number: "0001234", bank_code: "601" } }, base.transactions[1]!] };
    expect(payloadHash(reordered)).toBe(payloadHash(base));
    expect(payloadHash(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ["one cent on one row", { transactions: [{ ...base.transactions[0]!, amount: "250.51" }, base.transactions[1]!] }],
    ["the amount's text (250.5 is sent differently from 250.50)", { transactions: [{ ...base.transactions[0]!, amount: "250.5" }, base.transactions[1]!] }],
    ["an account number's leading zero", { transactions: [{ ...base.transactions[0]!, params: { bank_code: "601", account_number: "001234" } }, base.transactions[1]!] }],
    ["the rows' order", { transactions: [base.transactions[1]!, base.transactions[0]!] }],
    ["an extra row", { transactions: [...base.transactions, base.transactions[1]!] }],
    ["a row's external id", { transactions: [base.transactions[0]!, { ...base.transactions[1]!, externalId: undefined }] }],
    ["the method", { payoutMethodName: "ph_bank_php" }],
    ["the currency", { currency: "USD" }],
    ["the description", { description: "April payouts." }],
    ["the schedule", { scheduledAt: null }],
  ] as const)("changes with %s", (_what, change) => {
    expect(payloadHash({ ...base, ...change } as HashablePayload)).not.toBe(payloadHash(base));
  });

  it("keeps every field distinct (no concatenation ambiguity)", () => {
    const a = { ...base, transactions: [{ ...base.transactions[0]!, firstName: "Juan D", lastName: "ela Cruz" }] };
    const b = { ...base, transactions: [{ ...base.transactions[0]!, firstName: "Juan", lastName: "D ela Cruz" }] };
    expect(canonicalPayload(a)).not.toBe(canonicalPayload(b));
  });
});
