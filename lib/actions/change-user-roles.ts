"use server";

import { defineAction } from "@/lib/actions/define-action";
import { changeUserRoles } from "@/lib/users/change-user-roles";
import { changeUserRolesSchema } from "@/lib/users/schemas";

/** "Save roles" (step-up). Adding approver or admin waits for a second admin when there is one. */
export const changeUserRolesAction = defineAction(
  { name: "user.roles_change", schema: changeUserRolesSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/users"] },
  (ctx, input) => changeUserRoles(ctx, input),
);
