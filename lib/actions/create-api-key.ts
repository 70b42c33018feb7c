"use server";
import { createApiKey } from "../api-keys/manage-api-keys";
import { createApiKeySchema } from "../api-keys/schemas";
import { defineAction } from "./define-action";

// The answer carries the key once; the page shows it and it is never readable again.
export const createApiKeyAction = defineAction(
  { name: "api_key.create", schema: createApiKeySchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/api-keys"] },
  (ctx, input) => createApiKey(ctx, input),
);
