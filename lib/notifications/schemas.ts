import { z } from "zod";
import { NOTIFICATION_KINDS } from "./kinds";

// Client-safe: the notifications page and its actions parse the same shapes.

/** Mark some notifications read, or every one (`all`). */
export const markNotificationsReadSchema = z.union([z.object({ ids: z.array(z.uuid()).min(1).max(500) }), z.object({ all: z.literal(true) })]);
export type MarkNotificationsReadInput = z.input<typeof markNotificationsReadSchema>;

export const notificationPreferencesSchema = z.object({
  /** Kinds with email on; the rest are in-app only. */
  emailOn: z.array(z.enum(NOTIFICATION_KINDS)),
  digest: z.boolean(),
});
export type NotificationPreferencesInput = z.input<typeof notificationPreferencesSchema>;
