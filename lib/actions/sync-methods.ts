"use server";

import { z } from "zod";
import { getEnv } from "../env";
import { methodsToSync } from "../methods/known-methods";
import { syncMethods } from "../methods/sync-methods";
import { getHelloCleverClient } from "../runtime";
import { defineAction } from "./define-action";

/** "Sync methods" (admins): re-reads each method's params from Hello Clever; when it cannot, the stored catalogue stays. */
export const syncMethodsAction = defineAction(
  { name: "methods.sync", schema: z.void().or(z.object({}).strict()).optional(), permission: "admin.manage", revalidate: () => ["/admin/methods", "/batches/new"] },
  (ctx) => {
    const env = getEnv();
    return syncMethods(ctx, {
      client: getHelloCleverClient(),
      methods: methodsToSync(env.HELLO_CLEVER_METHODS),
      useListEndpoint: Boolean(env.HELLO_CLEVER_LIST_METHODS_PATH),
    });
  },
);
