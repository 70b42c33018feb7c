import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "./server";
import { call, control, payoutBody, startReceiver, startTestSimulator, waitFor, type Json } from "./test-support";

let dir: string;
let stateFile: string;
let sim: RunningSimulator | undefined;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "hc-sim-state-"));
  stateFile = path.join(dir, "nested", "state.json");
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  await fs.rm(dir, { recursive: true, force: true });
});

describe("state across restarts", () => {
  it("keeps payouts, balances and the delivery log", async () => {
    const receiver = await startReceiver();
    try {
      sim = await startTestSimulator({ stateFile, balances: { fallback: "9000", perCurrency: {} } });
      const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: "keep-1" }, receiver.url))).body;
      await control(sim, "POST", `/payouts/${created.uuid}/advance`);
      await waitFor(async () => (await control(sim!, "GET", "/deliveries")).body.records.length === 1);
      await sim.close();

      const text = await fs.readFile(stateFile, "utf8");
      expect(() => JSON.parse(text)).not.toThrow();
      expect((await fs.readdir(path.dirname(stateFile))).filter((f) => f.endsWith(".tmp"))).toEqual([]);

      sim = await startTestSimulator({ stateFile, balances: { fallback: "9000", perCurrency: {} } });
      const detail = (await call(sim, "GET", `/api/v2/payouts/detail?uuid=${created.uuid}`)).body;
      expect(detail).toMatchObject({ uuid: created.uuid, external_id: "keep-1", status: "processing" });
      expect((await call(sim, "GET", "/api/v2/balances/detail?currency=PHP")).body.available_balance).toBe(8749.5);
      expect((await control(sim, "GET", "/deliveries")).body.records).toHaveLength(1);
      expect((await call(sim, "POST", "/api/v2/payouts", payoutBody({ external_id: "keep-1" }))).status).toBe(422);
    } finally {
      await receiver.close();
    }
  });

  it("resumes status steps that were pending", async () => {
    sim = await startTestSimulator({ stateFile, stepMs: 150 });
    const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody())).body;
    await sim.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    sim = await startTestSimulator({ stateFile, stepMs: 50 });
    await waitFor(async () => (await call(sim!, "GET", `/api/v2/payouts/detail?uuid=${created.uuid}`)).body.status === "completed");
  });

  it("resumes webhook retries that were pending", async () => {
    let failing = true;
    const receiver = await startReceiver(() => (failing ? 500 : 200));
    try {
      sim = await startTestSimulator({ stateFile, webhookRetryDelayMs: 300 });
      const created = (await call(sim, "POST", "/api/v2/payouts", payoutBody({}, receiver.url))).body;
      await control(sim, "POST", `/payouts/${created.uuid}/advance`);
      await waitFor(async () => (await control(sim!, "GET", "/deliveries")).body.records.length === 1);
      await sim.close();
      failing = false;
      sim = await startTestSimulator({ stateFile, webhookRetryDelayMs: 300 });
      const records: Json[] = await waitFor(async () => {
        const list: Json[] = (await control(sim!, "GET", "/deliveries")).body.records;
        return list.length === 2 ? list : undefined;
      });
      expect(records.map((d) => [d.attempt, d.http_status])).toEqual([[1, 500], [2, 200]]);
      expect(receiver.received.map((r) => r.body.status)).toEqual(["processing", "processing"]);
    } finally {
      await receiver.close();
    }
  });
});
