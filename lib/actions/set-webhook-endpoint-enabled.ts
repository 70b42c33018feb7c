"use server";
import { setEndpointEnabled } from "../outgoing-webhooks/manage-endpoints";
import { setEndpointEnabledSchema } from "../outgoing-webhooks/schemas";
import { defineAction } from "./define-action";

export const setWebhookEndpointEnabledAction = defineAction(
  { name: "webhook_endpoint.set_enabled", schema: setEndpointEnabledSchema, permission: "admin.manage", revalidate: () => ["/admin/webhooks"] },
  (ctx, input) => setEndpointEnabled(ctx, input),
);
