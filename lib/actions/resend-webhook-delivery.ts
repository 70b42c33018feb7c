"use server";
import { enqueueDeliveries } from "../jobs/notify-jobs";
import { resendDelivery } from "../outgoing-webhooks/manage-endpoints";
import { resendDeliverySchema } from "../outgoing-webhooks/schemas";
import { getBoss } from "../runtime";
import { defineAction } from "./define-action";

// "Resend": one more attempt now, queued as a manual delivery job.
export const resendWebhookDeliveryAction = defineAction(
  { name: "webhook_endpoint.resend", schema: resendDeliverySchema, permission: "admin.manage", revalidate: () => ["/admin/webhooks"] },
  async (ctx, input) => {
    const result = await resendDelivery(ctx, input);
    await enqueueDeliveries(getBoss(), [result.deliveryId], 0, { manual: true });
    return result;
  },
);
