"use server";
import { rotateEndpointSecret } from "../outgoing-webhooks/manage-endpoints";
import { endpointIdSchema } from "../outgoing-webhooks/schemas";
import { defineAction } from "./define-action";

export const rotateWebhookSecretAction = defineAction(
  { name: "webhook_endpoint.rotate_secret", schema: endpointIdSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/webhooks"] },
  (ctx, input) => rotateEndpointSecret(ctx, input),
);
