import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { freePort } from "../../tests/helpers/free-port";
import { launchSimulator, type LaunchedSimulator } from "../../tests/helpers/simulator";
import { systemActor } from "../audit/record-audit";
import { auditLog, payoutMethods } from "../db/schema";
import { createHelloCleverClient } from "../hello-clever/client";
import { getMethodForForm } from "./get-method-for-form";
import { listMethods } from "./list-methods";
import { syncMethods } from "./sync-methods";

let t: TestDatabase;
let sim: LaunchedSimulator;
let fake: http.Server;
let fakeUrl: string;

// A stand-in provider whose catalogue this file controls: one good method, one whose spec
// breaks the grammar, one whose params answer is malformed.
const fakeCatalogue: Record<string, unknown> = {
  zz_good_php: params("zz_good_php", { account_number: "string:Mandatory Account Number" }),
  zz_badspec_php: params("zz_badspec_php", { account_number: "integer:Mandatory Account Number" }),
  zz_malformed_php: params("zz_malformed_php", { account_number: 42 }),
};

function params(name: string, spec: Record<string, unknown>) {
  return {
    currency: "PHP",
    payout_method_name: name,
    description: `Test ${name}`,
    payment_type: "pay_out",
    payout_method_params: spec,
    banks: [],
    min_amount: 1,
    max_amount: 1000,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  sim = await launchSimulator();
  fake = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    res.setHeader("content-type", "application/json");
    if (url.pathname === "/api/v2/payouts/payout_methods") {
      res.end(JSON.stringify({ records: Object.keys(fakeCatalogue).map((name) => ({ payout_method_name: name, currency: "PHP", description: name })) }));
      return;
    }
    const record = fakeCatalogue[url.searchParams.get("payout_method_name") ?? ""];
    res.statusCode = record ? 200 : 422;
    res.end(JSON.stringify(record ? { record } : { errors: { code: "INVALID_PARAMETER", message: "not a payout method" } }));
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.stop();
  await new Promise((resolve) => fake.close(resolve));
  await t.drop();
});

const actor = systemActor("sync-methods");
const clientFor = (baseUrl: string) => createHelloCleverClient({ baseUrl, appId: sim.appId, secretKey: sim.secretKey, retries: 0 });

describe("syncing the methods catalogue", () => {
  it("stores every simulator method with its raw spec, parsed fields, banks, limits and flags", async () => {
    const outcome = await syncMethods(t.db, { client: clientFor(sim.url), actor });
    expect(outcome).toMatchObject({ kind: "synced", unusable: [], withdrawn: [] });
    if (outcome.kind !== "synced") return;
    expect(outcome.total).toBeGreaterThan(20);

    const [maya] = await t.db.select().from(payoutMethods).where(eq(payoutMethods.name, "ph_bank_maya_php"));
    expect(maya).toMatchObject({
      currency: "PHP",
      country: "PH",
      label: "MAYA",
      minAmount: "200",
      maxAmount: "50000",
      parseError: null,
      rawParams: { account_number: "string:Mandatory Bank Account Number", account_name: "string:Mandatory Account Holder Name", bank_code: "string:Mandatory Bank Code" },
      fields: [
        { key: "account_number", type: "string", required: true, label: "Bank Account Number" },
        { key: "account_name", type: "string", required: true, label: "Account Holder Name" },
        { key: "bank_code", type: "string", required: true, label: "Bank Code" },
      ],
    });
    expect(maya?.banks.length).toBe(4);
    expect(maya?.syncedAt.getTime()).toBe(outcome.syncedAt.getTime());

    const usdc = await getMethodForForm(t.db, "usdc_bank");
    expect(usdc).toMatchObject({ country: null, currency: "USDC" });
    expect(usdc.fields.find((field) => field.key === "bank_address")).toMatchObject({ required: false, label: "Bank Address" });

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "methods.sync"));
    expect(audits.at(-1)).toMatchObject({ actorLabel: "job:sync-methods", details: { outcome: "synced", total: outcome.total } });
  });

  it("updates the stored methods in place on a second sync", async () => {
    const before = await t.db.$count(payoutMethods);
    const outcome = await syncMethods(t.db, { client: clientFor(sim.url), actor, now: () => new Date("2030-01-01T00:00:00Z") });
    expect(outcome.kind).toBe("synced");
    expect(await t.db.$count(payoutMethods)).toBe(before);
    const [maya] = await t.db.select().from(payoutMethods).where(eq(payoutMethods.name, "ph_bank_maya_php"));
    expect(maya?.syncedAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("keeps the stored catalogue when Hello Clever cannot be reached", async () => {
    const before = await listMethods(t.db);
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const outcome = await syncMethods(t.db, { client: clientFor(nobody), actor });
    expect(outcome).toMatchObject({ kind: "unavailable", storedSyncedAt: new Date("2030-01-01T00:00:00Z") });
    if (outcome.kind === "unavailable") expect(outcome.message).toMatch(/listMethods/);
    expect(await listMethods(t.db)).toEqual(before);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "methods.sync"));
    expect(audits.at(-1)?.details).toMatchObject({ outcome: "unavailable", kind: "unavailable" });
  });

  it("makes a method whose spec does not parse unusable, with the reason, and never guesses a field", async () => {
    const outcome = await syncMethods(t.db, { client: clientFor(fakeUrl), actor });
    expect(outcome.kind).toBe("synced");
    if (outcome.kind !== "synced") return;
    expect(outcome.unusable).toEqual([
      { name: "zz_badspec_php", reason: 'Method zz_badspec_php, field account_number: unknown type "integer" (expected string)' },
      { name: "zz_malformed_php", reason: expect.stringMatching(/getMethodParams: unexpected answer \(record\.payout_method_params\.account_number/) },
    ]);
    const [bad] = await t.db.select().from(payoutMethods).where(eq(payoutMethods.name, "zz_badspec_php"));
    expect(bad).toMatchObject({ fields: null, rawParams: { account_number: "integer:Mandatory Account Number" } });
    await expect(getMethodForForm(t.db, "zz_badspec_php")).rejects.toThrow(/cannot be used: Method zz_badspec_php, field account_number: unknown type "integer"/);
    expect((await getMethodForForm(t.db, "zz_good_php")).fields).toEqual([{ key: "account_number", type: "string", required: true, label: "Account Number" }]);
  });

  it("keeps a method Hello Clever stopped listing, marked unusable", async () => {
    const outcome = await syncMethods(t.db, { client: clientFor(fakeUrl), actor });
    if (outcome.kind !== "synced") throw new Error(outcome.message);
    expect(outcome.withdrawn).toContain("ph_bank_maya_php");
    const maya = (await listMethods(t.db)).find((method) => method.name === "ph_bank_maya_php");
    expect(maya?.usability).toEqual({ usable: false, reason: "Hello Clever no longer lists this method" });
  });
});
