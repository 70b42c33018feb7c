"use server";

import { defineAction } from "@/lib/actions/define-action";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { resetUserPasswordSchema } from "@/lib/users/schemas";

/** "Reset password": the admin sets a new one and passes it on (step-up). */
export const resetUserPasswordAction = defineAction(
  { name: "user.password_reset", schema: resetUserPasswordSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/users"] },
  async (ctx, input) => {
    await resetUserPassword(ctx, input);
    return null;
  },
);
