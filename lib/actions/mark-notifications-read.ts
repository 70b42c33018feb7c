"use server";
import { markNotificationsRead } from "../notifications/user-notifications";
import { markNotificationsReadSchema } from "../notifications/schemas";
import { defineAction } from "./define-action";

export const markNotificationsReadAction = defineAction(
  { name: "notifications.mark_read", schema: markNotificationsReadSchema, permission: "batches.view", revalidate: () => ["/notifications"] },
  (ctx, input) => markNotificationsRead(ctx, input),
);
