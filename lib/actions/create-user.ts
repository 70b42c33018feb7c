"use server";

import { defineAction } from "@/lib/actions/define-action";
import { createUser } from "@/lib/users/create-user";
import { createUserSchema } from "@/lib/users/schemas";

/** "Add user" on /admin/users (step-up). Approver or admin waits for a second admin when there is one. */
export const createUserAction = defineAction(
  { name: "user.create", schema: createUserSchema, permission: "admin.manage", stepUp: true, revalidate: () => ["/admin/users"] },
  async (ctx, input) => {
    const { user, pendingGrant } = await createUser(ctx, input);
    return { id: user.id, pendingGrant };
  },
);
