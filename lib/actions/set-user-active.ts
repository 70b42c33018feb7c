"use server";

import { defineAction } from "@/lib/actions/define-action";
import { setUserActiveSchema } from "@/lib/users/schemas";
import { setUserActive } from "@/lib/users/set-user-active";

/** "Deactivate" / "Reactivate" (step-up). */
export const setUserActiveAction = defineAction(
  { name: "user.set_active", schema: setUserActiveSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/users"] },
  async (ctx, input) => {
    await setUserActive(ctx, input);
    return null;
  },
);
