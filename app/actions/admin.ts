"use server";

import { revalidatePath } from "next/cache";
import { invalidInput, toActionError, type ActionResult } from "@/lib/action-result";
import type { Actor } from "@/lib/audit/record-audit";
import { currentRequestId, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { changeUserRoles } from "@/lib/users/change-user-roles";
import { createUser } from "@/lib/users/create-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import {
  changeUserRolesSchema,
  createUserSchema,
  resetUserPasswordSchema,
  setUserActiveSchema,
  type ChangeUserRolesInput,
  type CreateUserInput,
  type ResetUserPasswordInput,
  type SetUserActiveInput,
} from "@/lib/users/schemas";
import { setUserActive } from "@/lib/users/set-user-active";

// Typed for callers, parsed anyway: every action is a public POST endpoint, so the admin role
// is checked here on every call, never only by hiding the page.

async function requireAdmin(): Promise<{ actor: Actor; requestId: string | null }> {
  const user = await requirePermission("admin.manage");
  return { actor: { kind: "user", id: user.id, label: user.email }, requestId: await currentRequestId() };
}

/** "Add user" on /admin/users. */
export async function createUserAction(input: CreateUserInput): Promise<ActionResult<{ id: string }>> {
  const parsed = createUserSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  let id: string;
  try {
    const user = await createUser(getDb(), { ...parsed.data, ...(await requireAdmin()) });
    id = user.id;
  } catch (error) {
    return toActionError(error, { action: "user.create" });
  }
  revalidatePath("/admin/users");
  return { ok: true, data: { id } };
}

/** "Save roles". */
export async function changeUserRolesAction(input: ChangeUserRolesInput): Promise<ActionResult> {
  const parsed = changeUserRolesSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await changeUserRoles(getDb(), { ...parsed.data, ...(await requireAdmin()) });
  } catch (error) {
    return toActionError(error, { action: "user.roles_change", userId: parsed.data.userId });
  }
  revalidatePath("/admin/users");
  return { ok: true, data: null };
}

/** "Deactivate" / "Reactivate". */
export async function setUserActiveAction(input: SetUserActiveInput): Promise<ActionResult> {
  const parsed = setUserActiveSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await setUserActive(getDb(), { ...parsed.data, ...(await requireAdmin()) });
  } catch (error) {
    return toActionError(error, { action: "user.set_active", userId: parsed.data.userId });
  }
  revalidatePath("/admin/users");
  return { ok: true, data: null };
}

/** "Reset password": the admin sets a new one and passes it on. */
export async function resetUserPasswordAction(input: ResetUserPasswordInput): Promise<ActionResult> {
  const parsed = resetUserPasswordSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  try {
    await resetUserPassword(getDb(), { ...parsed.data, ...(await requireAdmin()) });
  } catch (error) {
    return toActionError(error, { action: "user.password_reset", userId: parsed.data.userId });
  }
  revalidatePath("/admin/users");
  return { ok: true, data: null };
}
