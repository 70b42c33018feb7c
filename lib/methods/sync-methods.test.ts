import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { freePort } from "../../tests/helpers/free-port";
import { launchSimulator, type LaunchedSimulator } from "../../tests/helpers/simulator";
import { systemContext } from "../context";
import { auditLog, payoutMethods } from "../db/schema";
import { createHelloCleverClient } from "../hello-clever/client";
import { getMethodForForm } from "./get-method-for-form";
import { KNOWN_METHODS } from "./known-methods";
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
// zz_refused_php: the provider answers 422 in its field-map shape; zz_slow_php: never answers in time.
const FAKE_METHODS = ["zz_good_php", "zz_badspec_php", "zz_malformed_php", "zz_refused_php", "zz_slow_php"].map((name) => ({ name, currency: "PHP", label: null }));
let listEndpointUp = true;

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
    if (url.pathname === "/list") {
      res.statusCode = listEndpointUp ? 200 : 500;
      res.end(JSON.stringify(listEndpointUp ? { records: [{ payout_method_name: "zz_listed_php", currency: "PHP", description: "Listed" }] } : {}));
      return;
    }
    const name = url.searchParams.get("payout_method_name") ?? "";
    if (name === "zz_slow_php") return; // never answers: the client times out
    if (name === "zz_listed_php") return void res.end(JSON.stringify({ record: params(name, { account_number: "string:Mandatory Account Number" }) }));
    const record = fakeCatalogue[name];
    res.statusCode = record ? 200 : 422;
    res.end(JSON.stringify(record ? { record } : { errors: { payout_method_name: "is not enabled for this merchant" } }));
  });
  await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sim.stop();
  fake.closeAllConnections();
  await new Promise((resolve) => fake.close(resolve));
  await t.drop();
});

const ctx = (now?: () => Date) => systemContext(t.db, "sync-methods", { now });
const clientFor = (baseUrl: string) =>
  createHelloCleverClient({ baseUrl, appId: sim.appId, secretKey: sim.secretKey, retries: 0, timeoutMs: 1500, listMethodsPath: "/list" });

describe("syncing the methods catalogue", () => {
  it("reads every shipped method from the documented params endpoint (no list endpoint) and stores its spec, fields, banks, limits and flags", async () => {
    const outcome = await syncMethods(ctx(), { client: clientFor(sim.url) });
    expect(outcome).toMatchObject({ kind: "synced", unusable: [], withdrawn: [] });
    if (outcome.kind !== "synced") return;
    expect(outcome.total).toBe(KNOWN_METHODS.length);

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

    const usdc = await getMethodForForm(ctx(), { name: "usdc_bank" });
    expect(usdc).toMatchObject({ country: null, currency: "USDC" });
    expect(usdc.fields.find((field) => field.key === "bank_address")).toMatchObject({ required: false, label: "Bank Address" });

    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "methods.sync"));
    expect(audits.at(-1)).toMatchObject({ actorLabel: "job:sync-methods", details: { outcome: "synced", total: outcome.total } });
  });

  it("updates the stored methods in place on a second sync", async () => {
    const before = await t.db.$count(payoutMethods);
    const outcome = await syncMethods(ctx(() => new Date("2030-01-01T00:00:00Z")), { client: clientFor(sim.url) });
    expect(outcome.kind).toBe("synced");
    expect(await t.db.$count(payoutMethods)).toBe(before);
    const [maya] = await t.db.select().from(payoutMethods).where(eq(payoutMethods.name, "ph_bank_maya_php"));
    expect(maya?.syncedAt.toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });

  it("keeps the stored catalogue when Hello Clever cannot be reached", async () => {
    const before = await listMethods(ctx());
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const outcome = await syncMethods(ctx(), { client: clientFor(nobody) });
    expect(outcome).toMatchObject({ kind: "unavailable", storedSyncedAt: new Date("2030-01-01T00:00:00Z") });
    if (outcome.kind === "unavailable") expect(outcome.message).toMatch(/getMethodParams/);
    expect(await listMethods(ctx())).toEqual(before);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "methods.sync"));
    expect(audits.at(-1)?.details).toMatchObject({ outcome: "unavailable", kind: "unavailable" });
  });

  it("one method failing (spec, malformed answer, 422, timeout) never empties the catalogue: it is unusable with the reason", async () => {
    const outcome = await syncMethods(ctx(), { client: clientFor(fakeUrl), methods: FAKE_METHODS });
    expect(outcome.kind).toBe("synced");
    if (outcome.kind !== "synced") return;
    expect(outcome.total).toBe(5);
    expect(outcome.unusable).toEqual([
      { name: "zz_badspec_php", reason: 'Method zz_badspec_php, field account_number: unknown type "integer" (expected string)' },
      { name: "zz_malformed_php", reason: expect.stringMatching(/getMethodParams: unexpected answer \(record\.payout_method_params\.account_number/) },
      { name: "zz_refused_php", reason: "Hello Clever could not describe this method: payout_method_name is not enabled for this merchant" },
      { name: "zz_slow_php", reason: expect.stringMatching(/no answer within 1500 ms/) },
    ]);
    const usability = Object.fromEntries((await listMethods(ctx())).map((method) => [method.name, method.usability]));
    expect(usability.zz_good_php).toMatchObject({ usable: true });
    expect(usability.zz_refused_php).toEqual({ usable: false, reason: "Hello Clever could not describe this method: payout_method_name is not enabled for this merchant" });
    const [bad] = await t.db.select().from(payoutMethods).where(eq(payoutMethods.name, "zz_badspec_php"));
    expect(bad).toMatchObject({ fields: null, rawParams: { account_number: "integer:Mandatory Account Number" } });
    await expect(getMethodForForm(ctx(), { name: "zz_badspec_php" })).rejects.toThrow(/cannot be used: Method zz_badspec_php, field account_number: unknown type "integer"/);
    expect((await getMethodForForm(ctx(), { name: "zz_good_php" })).fields).toEqual([{ key: "account_number", type: "string", required: true, label: "Account Number" }]);
  });

  it("keeps a method no longer in the console's list, marked unusable", async () => {
    const outcome = await syncMethods(ctx(), { client: clientFor(fakeUrl), methods: FAKE_METHODS });
    if (outcome.kind !== "synced") throw new Error(outcome.message);
    expect(outcome.withdrawn).toContain("ph_bank_maya_php");
    const maya = (await listMethods(ctx())).find((method) => method.name === "ph_bank_maya_php");
    expect(maya?.usability).toEqual({ usable: false, reason: "No longer in this console's list of payout methods (HELLO_CLEVER_METHODS)" });
  });

  it("takes extra names from a configured list endpoint, and syncs without it when it fails", async () => {
    listEndpointUp = true;
    const withList = await syncMethods(ctx(), { client: clientFor(fakeUrl), methods: FAKE_METHODS.slice(0, 1), useListEndpoint: true });
    expect(withList).toMatchObject({ kind: "synced", total: 2, unusable: [] });
    expect((await getMethodForForm(ctx(), { name: "zz_listed_php" })).fields).toEqual([{ key: "account_number", type: "string", required: true, label: "Account Number" }]);
    listEndpointUp = false;
    const without = await syncMethods(ctx(), { client: clientFor(fakeUrl), methods: FAKE_METHODS.slice(0, 1), useListEndpoint: true });
    expect(without).toMatchObject({ kind: "synced", total: 1 });
  });
});
