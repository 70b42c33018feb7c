import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { startSimulator, type RunningSimulator } from "../../simulator/server";
import { systemContext } from "../context";
import { auditLog } from "../db/schema";
import { getProviderCheckSummary, runProviderCheck } from "./run-provider-check";

let t: TestDatabase;
let sim: RunningSimulator;
beforeAll(async () => {
  [t, sim] = await Promise.all([createTestDatabase(), startSimulator({ port: 0, stateFile: null, stepMs: 60_000 })]);
});
afterAll(async () => {
  await sim.close();
  await t.drop();
});

describe("Provider check", () => {
  it("stores each run; the summary says when the checks last held, and a failing run does not move that", async () => {
    expect(await getProviderCheckSummary(systemContext(t.db, "test"))).toEqual({ last: null, lastHeldAt: null });
    const good = await runProviderCheck(systemContext(t.db, "test", { now: () => new Date("2026-06-01T10:00:00Z") }), {
      config: { baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "sandbox-secret-key" },
      methodName: "ph_bank_maya_php",
    });
    expect(good.held).toBe(true);
    const bad = await runProviderCheck(systemContext(t.db, "test", { now: () => new Date("2026-06-02T10:00:00Z") }), {
      config: { baseUrl: sim.url, appId: "sandbox-app-id", secretKey: "wrong-secret" },
      methodName: "ph_bank_maya_php",
    });
    expect(bad.held).toBe(false);
    const summary = await getProviderCheckSummary(systemContext(t.db, "test"));
    expect(summary.lastHeldAt?.toISOString()).toBe("2026-06-01T10:00:00.000Z");
    expect(summary.last).toMatchObject({ held: false, actorLabel: "job:test" });
    expect(summary.last?.checks.find((check) => check.outcome === "differs")?.detail).toMatch(/authentication/);
    // Read-only: nothing was created at the provider.
    expect(((await (await fetch(`${sim.controlUrl}/payouts`)).json()) as { records: unknown[] }).records).toEqual([]);
    const audits = await t.db.select().from(auditLog);
    expect(audits.filter((row) => row.action === "provider.check").map((row) => (row.details as { held: boolean }).held)).toEqual([true, false]);
  });
});
