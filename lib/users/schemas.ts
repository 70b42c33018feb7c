import { z } from "zod";
import { ROLES } from "../auth/roles";

// Client-safe: the admin forms (react-hook-form) and app/actions/admin.ts share these.

export const MIN_PASSWORD_LENGTH = 12;

const rolesField = z.array(z.enum(ROLES, "Pick roles from the list")).min(1, "Pick at least one role").max(ROLES.length);
const passwordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Use at most 200 characters");

export const createUserSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter an email address")),
  name: z.string().trim().min(1, "Enter the person's name").max(120, "Use at most 120 characters"),
  roles: rolesField,
  password: passwordField,
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const changeUserRolesSchema = z.object({ userId: z.uuid(), roles: rolesField });
export type ChangeUserRolesInput = z.input<typeof changeUserRolesSchema>;

export const setUserActiveSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export type SetUserActiveInput = z.input<typeof setUserActiveSchema>;

export const resetUserPasswordSchema = z.object({ userId: z.uuid(), password: passwordField });
export type ResetUserPasswordInput = z.input<typeof resetUserPasswordSchema>;

export const decideRoleGrantSchema = z.object({
  grantId: z.uuid("Grant: not a role request id"),
  decision: z.enum(["confirm", "cancel"], "Decision: confirm or cancel"),
});
export type DecideRoleGrantInput = z.input<typeof decideRoleGrantSchema>;
