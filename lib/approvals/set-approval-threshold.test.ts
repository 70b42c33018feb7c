import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { insertUser, VND_BANK } from "../../tests/helpers/batch-fixtures";
import { ensureMaya } from "../../tests/helpers/pending-batch";
import { createContext, systemContext } from "../context";
import { payoutMethods } from "../db/schema";
import { auditLog } from "../db/schema";
import { listApprovalThresholds } from "./list-approval-thresholds";
import { setApprovalThreshold } from "./set-approval-threshold";
import { setApprovalThresholdSchema } from "./schemas";

let t: TestDatabase;
const asAdmin = (admin: { id: string; label: string }) => createContext(t.db, { kind: "user", id: admin.id, label: admin.label, roles: ["admin"] });
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("approval thresholds", () => {
  it("default to 10,000 in every currency a method pays out in, and an admin's setting replaces it, audited", async () => {
    await ensureMaya(t.db);
    await t.db.insert(payoutMethods).values(VND_BANK);
    const admin = await insertUser(t.db, ["admin"], "Adam Admin");
    expect(await listApprovalThresholds(systemContext(t.db, "test"))).toMatchObject([
      { currency: "PHP", amount: "10000", isDefault: true },
      { currency: "VND", amount: "10000", isDefault: true },
    ]);
    await setApprovalThreshold(asAdmin(admin), { currency: "PHP", amount: "25000.5" });
    await setApprovalThreshold(asAdmin(admin), { currency: "PHP", amount: "30000" });
    const [php] = await listApprovalThresholds(systemContext(t.db, "test"));
    expect(php).toMatchObject({ currency: "PHP", amount: "30000.00", isDefault: false, updatedBy: admin.label });
    const audit = (await t.db.select().from(auditLog)).filter((row) => row.action === "approval_threshold.set");
    expect(audit.map((row) => [row.before, row.after])).toEqual([
      [{ amount: null }, { amount: "25000.50" }],
      [{ amount: "25000.50" }, { amount: "30000.00" }],
    ]);
  });

  it("refuses an amount the currency cannot hold, naming the field", async () => {
    const admin = await insertUser(t.db, ["admin"]);
    await expect(setApprovalThreshold(asAdmin(admin), { currency: "VND", amount: "100.5" })).rejects.toMatchObject({ code: "invalid", message: "Amount: VND allows no decimals" });
    expect(setApprovalThresholdSchema.safeParse({ currency: "php", amount: "1,000" }).error?.issues[0]?.message).toMatch(/^Amount:/);
    expect(setApprovalThresholdSchema.safeParse({ currency: "php", amount: "1000" }).data).toEqual({ currency: "PHP", amount: "1000" });
  });
});
