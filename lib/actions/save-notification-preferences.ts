"use server";
import { saveMyPreferences } from "../notifications/user-notifications";
import { notificationPreferencesSchema } from "../notifications/schemas";
import { defineAction } from "./define-action";

export const saveNotificationPreferencesAction = defineAction(
  { name: "notifications.save_preferences", schema: notificationPreferencesSchema, permission: "batches.view", revalidate: () => ["/notifications"] },
  (ctx, input) => saveMyPreferences(ctx, input),
);
