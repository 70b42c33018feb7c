import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./free-port";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface LaunchedSimulator {
  /** Base URL of the Hello Clever API stand-in, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** `${url}/__control`: fault injection and inspection (see simulator/README.md). */
  controlUrl: string;
  port: number;
  /** Credentials it accepts (SIMULATOR_APP_ID / SIMULATOR_SECRET_KEY, defaults unless overridden). */
  appId: string;
  secretKey: string;
  /** SIGTERM (it writes its state file and exits), SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** SIMULATOR_* settings, e.g. `{ SIMULATOR_STEP_MS: "50" }`. */
  env?: Record<string, string>;
  /** A state file to keep between launches; by default none (SIMULATOR_STATE_FILE=none). */
  stateFile?: string;
  /** How long to wait for it to answer. */
  startTimeoutMs?: number;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function waitUntilAnswering(child: ChildProcess, url: string, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Simulator exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/__control/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`Simulator did not answer within ${timeoutMs} ms:\n${output()}`);
}

/** Runs `simulator/main.ts` as its own process on a free 127.0.0.1 port and waits until it answers. */
export async function launchSimulator(options: LaunchOptions = {}): Promise<LaunchedSimulator> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: process.env.SIMULATOR_LOG_LEVEL ?? "warn",
    SIMULATOR_STATE_FILE: options.stateFile ?? "none",
    ...options.env,
    SIMULATOR_PORT: String(port),
  };
  // `node --import tsx` keeps it one process, so signals reach the simulator itself.
  const child = spawn(process.execPath, ["--import", "tsx", "simulator/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, url, options.startTimeoutMs ?? 20_000, () => output);
  return {
    url,
    controlUrl: `${url}/__control`,
    port,
    appId: env.SIMULATOR_APP_ID || "sandbox-app-id",
    secretKey: env.SIMULATOR_SECRET_KEY || "sandbox-secret-key",
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const done = exited(child);
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await done;
      clearTimeout(timer);
    },
  };
}
