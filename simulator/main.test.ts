import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launchSimulator } from "../tests/helpers/simulator";
import { payoutBody } from "./test-support";

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "hc-sim-main-"));
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe("npm run simulator (simulator/main.ts as a child process)", () => {
  it("reads its SIMULATOR_* settings and keeps its state across a SIGTERM restart", async () => {
    const stateFile = path.join(dir, "state.json");
    const env = { SIMULATOR_APP_ID: "my-app", SIMULATOR_SECRET_KEY: "my-secret", SIMULATOR_BALANCE: "PHP=5000,IDR=100000" };
    const first = await launchSimulator({ env, stateFile });
    const headers = { "app-id": "my-app", "secret-key": "my-secret", "content-type": "application/json" };
    try {
      expect((await fetch(`${first.url}/api/v2/balances/detail`)).status).toBe(401);
      const balance = await (await fetch(`${first.url}/api/v2/balances/detail?currency=IDR`, { headers })).json();
      expect(balance.available_balance).toBe(100000);
      const created = await fetch(`${first.url}/api/v2/payouts`, { method: "POST", headers, body: JSON.stringify(payoutBody({ external_id: "main-1" })) });
      expect(created.status).toBe(200);
    } finally {
      await first.stop();
    }
    const second = await launchSimulator({ env, stateFile });
    try {
      const all = await (await fetch(`${second.controlUrl}/payouts`)).json();
      expect(all.records.map((p: { external_id: string }) => p.external_id)).toEqual(["main-1"]);
      const balance = await (await fetch(`${second.url}/api/v2/balances/detail?currency=PHP`, { headers })).json();
      expect(balance.available_balance).toBe(4749.5);
    } finally {
      await second.stop();
    }
  });
});
