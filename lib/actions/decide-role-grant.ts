"use server";

import { defineAction } from "@/lib/actions/define-action";
import { decideRoleGrant } from "@/lib/users/decide-role-grant";
import { decideRoleGrantSchema } from "@/lib/users/schemas";

/** "Confirm" (by another admin) or "Cancel" a pending grant of approver or admin (step-up). */
export const decideRoleGrantAction = defineAction(
  { name: "user.role_grant_decide", schema: decideRoleGrantSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/users"] },
  (ctx, input) => decideRoleGrant(ctx, input),
);
