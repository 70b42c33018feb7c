"use server";
import { getEnv } from "../env";
import { createEndpoint } from "../outgoing-webhooks/manage-endpoints";
import { createEndpointSchema } from "../outgoing-webhooks/schemas";
import { defineAction } from "./define-action";

// The answer carries the endpoint's whsec_ secret once, for the receiver's configuration.
export const createWebhookEndpointAction = defineAction(
  { name: "webhook_endpoint.create", schema: createEndpointSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/webhooks"] },
  (ctx, input) => createEndpoint(ctx, { ...input, allowPrivate: getEnv().OUTGOING_WEBHOOKS_ALLOW_PRIVATE === "1" }),
);
