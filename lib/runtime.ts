import type PgBoss from "pg-boss";
import { getEnv } from "./env";
import { createHelloCleverClient, type HelloCleverClient } from "./hello-clever/client";

/**
 * Process-wide singletons of an app instance (kept on globalThis: Next may load a module more
 * than once, and dev reloads must not open a second pool). Only app/, jobs and scripts use this;
 * lib/<domain> functions take their dependencies as arguments.
 */
type Runtime = { boss?: PgBoss; helloClever?: HelloCleverClient; shutdownHooks: (() => Promise<void>)[] };
const globalRuntime = globalThis as unknown as { payoutDeskRuntime?: Runtime };
const runtime: Runtime = (globalRuntime.payoutDeskRuntime ??= { shutdownHooks: [] });

export function setBoss(boss: PgBoss): void {
  runtime.boss = boss;
}

/** The started job queue of this instance; throws if background work did not start. */
export function getBoss(): PgBoss {
  if (!runtime.boss) throw new Error("The job queue is not running in this process (instrumentation did not start it)");
  return runtime.boss;
}

export function onShutdown(hook: () => Promise<void>): void {
  runtime.shutdownHooks.push(hook);
}

/** Runs the shutdown hooks, newest first (the server calls this on SIGTERM/SIGINT). */
export async function runShutdownHooks(): Promise<void> {
  for (const hook of runtime.shutdownHooks.splice(0).reverse()) await hook().catch(() => undefined);
}


/** The Hello Clever client configured from the validated env (the simulator on embedded defaults). */
export function getHelloCleverClient(): HelloCleverClient {
  if (!runtime.helloClever) {
    const env = getEnv();
    runtime.helloClever = createHelloCleverClient({
      baseUrl: env.HELLO_CLEVER_BASE_URL,
      appId: env.HELLO_CLEVER_APP_ID,
      secretKey: env.HELLO_CLEVER_SECRET_KEY,
      credentials: env.HELLO_CLEVER_CREDENTIALS,
      listMethodsPath: env.HELLO_CLEVER_LIST_METHODS_PATH ?? null,
    });
  }
  return runtime.helloClever;
}
