"use server";

import { z } from "zod";
import { getEnv } from "../env";
import { methodsToSync } from "../methods/known-methods";
import { runProviderCheck } from "../provider-check/run-provider-check";
import { defineAction } from "./define-action";

/** "Provider check" (admins): runs the read-only contract checks against the configured Hello Clever and stores the outcome. */
export const runProviderCheckAction = defineAction(
  { name: "provider.check", schema: z.void().or(z.object({}).strict()).optional(), permission: "admin.manage", revalidate: () => ["/admin"] },
  async (ctx) => {
    const env = getEnv();
    const run = await runProviderCheck(ctx, {
      config: { baseUrl: env.HELLO_CLEVER_BASE_URL, appId: env.HELLO_CLEVER_APP_ID, secretKey: env.HELLO_CLEVER_SECRET_KEY, credentials: env.HELLO_CLEVER_CREDENTIALS },
      methodName: methodsToSync(env.HELLO_CLEVER_METHODS)[0]?.name ?? "ph_bank_maya_php",
    });
    return { ranAt: run.ranAt.toISOString(), held: run.held, differs: run.checks.filter((check) => check.outcome === "differs").length };
  },
);
