import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "./event-types";

// Client-safe: the endpoint form and the actions parse the same shapes.

export const createEndpointSchema = z.object({
  url: z.string().trim().min(1, "Enter the URL that receives the events").max(2000, "At most 2,000 characters"),
  description: z.string().trim().max(200, "At most 200 characters").default(""),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, "Choose at least one event"),
});
export type CreateEndpointInput = z.input<typeof createEndpointSchema>;

export const endpointIdSchema = z.object({ endpointId: z.uuid() });
export const setEndpointEnabledSchema = z.object({ endpointId: z.uuid(), enabled: z.boolean() });
export const resendDeliverySchema = z.object({ deliveryId: z.uuid() });
