"use server";

import { defineAction } from "@/lib/actions/define-action";
import { requireSecondFactorForAllSchema } from "@/lib/auth/step-up-schemas";
import { setSecondFactorRequiredForAll } from "@/lib/auth/totp-setup";

/** "Require two-step sign-in for everyone" on /admin/users (approvers and admins always need it). Step-up. */
export const setSecondFactorRequirementAction = defineAction(
  { name: "security.second_factor_requirement_set", schema: requireSecondFactorForAllSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/users"] },
  (ctx, input) => setSecondFactorRequiredForAll(ctx, input),
);
