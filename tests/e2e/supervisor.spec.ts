import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import { expect, test } from "@playwright/test";
import { freePort } from "../helpers/free-port";

// Issue 13: under `npm start`, PostgreSQL killed with -9 does not leave the console answering 503
// for ever. The supervisor (scripts/start.ts) restarts PostgreSQL and the app; past its bound
// (SUPERVISOR_MAX_RESTARTS in 10 minutes) it stops and exits non-zero, saying why. A second console
// on its own data dir and ports, serving this run's build (so nothing is built again).

const slot = process.env.E2E_SLOT || "default";
const dataDir = `.data/e2e-${slot}-supervised`;

/**
 * `npm start`'s supervisor on its own ports and data dir, in its own process group (so whatever it
 * started can be reaped with it); what it prints is kept for the assertions.
 */
function startSupervisor(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let printed = "";
  const keep = (chunk: Buffer) => (printed += chunk.toString());
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => printed };
}

test("the supervisor brings PostgreSQL and the console back after kill -9, and gives up with the reason past its bound", async () => {
  test.setTimeout(420_000);
  rmSync(dataDir, { recursive: true, force: true });
  const [port, pgPort, simulatorPort] = [await freePort(), await freePort(), await freePort()];
  const { child, exited, output } = startSupervisor({
    PORT: String(port),
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    SIMULATOR_PORT: String(simulatorPort),
    NEXT_DIST_DIR: `.next-e2e-${slot}`,
    SUPERVISOR_MAX_RESTARTS: "1",
  });
  const health = () =>
    fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3000) })
      .then((response) => response.status)
      .catch(() => 0);
  const postmasterPid = () => Number(readFileSync(`${dataDir}/postgres/postmaster.pid`, "utf8").split("\n")[0]);

  try {
    await expect.poll(health, { timeout: 180_000, message: "the supervised console first comes up" }).toBe(200);
    // The supervisor watches only once its own start is done: a kill before then is a failed start.
    await expect.poll(output, { timeout: 120_000, message: "the supervisor says the console is ready" }).toContain("Payout Desk is ready");

    // kill -9 of PostgreSQL: the console turns unhealthy, then the supervisor restarts both.
    const first = postmasterPid();
    process.kill(first, "SIGKILL");
    await expect.poll(health, { timeout: 60_000, message: "the console notices PostgreSQL is gone" }).not.toBe(200);
    await expect.poll(health, { timeout: 240_000, message: "the supervisor brings it back" }).toBe(200);
    expect(output()).toMatch(/PostgreSQL is not answering \(.*\): restarting it/);
    // The supervisor says so once its own check sees the console healthy (a moment after this one).
    await expect.poll(output, { timeout: 60_000 }).toContain("Payout Desk is serving again.");
    expect(postmasterPid()).not.toBe(first);

    // Past the bound (one restart in 10 minutes), the next death ends it: non-zero, with the reason.
    process.kill(postmasterPid(), "SIGKILL");
    const code = await Promise.race([exited, new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 180_000))]);
    expect(code, output()).toBe(1);
    expect(output()).toMatch(/Giving up after 1 restarts in 10 minutes: the console stayed unhealthy/);
  } catch (error) {
    // What the supervisor said is the diagnosis: keep it with the failure.
    await test.info().attach("supervisor output", { body: output(), contentType: "text/plain" });
    console.log(output());
    throw error;
  } finally {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
    }
    // No console, simulator or PostgreSQL of this test outlives it (they would trouble the next run).
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // The group is already gone.
    }
  }
});

test("a start that fails after PostgreSQL is up says why and leaves nothing running", async () => {
  test.setTimeout(180_000);
  const failedDir = `${dataDir}-failed`;
  rmSync(failedDir, { recursive: true, force: true });
  const [port, pgPort] = [await freePort(), await freePort()];
  // The simulator's port is taken: found only after embedded PostgreSQL has started.
  const taken = net.createServer().listen(0, "127.0.0.1");
  await once(taken, "listening");
  const simulatorPort = (taken.address() as net.AddressInfo).port;
  try {
    const { exited, output } = startSupervisor({ PORT: String(port), DATA_DIR: failedDir, EMBEDDED_PG_PORT: String(pgPort), SIMULATOR_PORT: String(simulatorPort) });
    const code = await exited;
    expect(code, output()).toBe(1);
    expect(output()).toContain(`Port ${simulatorPort} (Hello Clever simulator) is already in use`);
    // Embedded PostgreSQL was stopped with it, and the data dir is free for the next start.
    const answers = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port: pgPort, host: "127.0.0.1" });
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    expect(answers, "embedded PostgreSQL still answers after the failed start").toBe(false);
    expect(existsSync(`${failedDir}/console.pid`)).toBe(false);
  } finally {
    taken.close();
  }
});
