"use server";
import { revokeApiKey } from "../api-keys/manage-api-keys";
import { revokeApiKeySchema } from "../api-keys/schemas";
import { defineAction } from "./define-action";

export const revokeApiKeyAction = defineAction(
  { name: "api_key.revoke", schema: revokeApiKeySchema, permission: "admin.manage", revalidate: () => ["/admin/api-keys"] },
  (ctx, input) => revokeApiKey(ctx, input),
);
