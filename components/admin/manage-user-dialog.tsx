"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useStepUp } from "@/components/auth/step-up-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/text-field";
import { changeUserRolesAction } from "@/lib/actions/change-user-roles";
import { resetUserPasswordAction } from "@/lib/actions/reset-user-password";
import { setUserActiveAction } from "@/lib/actions/set-user-active";
import type { Role } from "@/lib/auth/roles";
import { changeUserRolesSchema, resetUserPasswordSchema, type ChangeUserRolesInput, type ResetUserPasswordInput } from "@/lib/users/schemas";
import { RoleCheckboxes } from "./role-checkboxes";

type ManagedUser = { id: string; email: string; name: string; roles: Role[]; active: boolean };

/** "Manage" on a user row: roles, a new password, deactivate or reactivate. Each is one audited change. */
export function ManageUserDialog({ user }: { user: ManagedUser }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const rolesForm = useForm<ChangeUserRolesInput>({ resolver: zodResolver(changeUserRolesSchema), defaultValues: { userId: user.id, roles: user.roles } });
  const passwordForm = useForm<ResetUserPasswordInput>({ resolver: zodResolver(resetUserPasswordSchema), defaultValues: { userId: user.id, password: "" } });

  const run = <R extends { ok: boolean; message?: string }>(work: () => Promise<R>, success: string | ((result: R) => string)) =>
    new Promise<void>((resolve) =>
      startTransition(async () => {
        setNotice(null);
        const result = await work();
        const text = typeof success === "function" ? success(result) : success;
        setNotice(result.ok ? { tone: "ok", text } : { tone: "error", text: result.message ?? "That did not work" });
        if (result.ok) router.refresh();
        resolve();
      }),
    );

  const saveRoles = rolesForm.handleSubmit((values) =>
    run(async () => {
      const result = await withStepUp(() => changeUserRolesAction(values));
      if (!result.ok && result.fieldErrors?.roles?.[0]) rolesForm.setError("roles", { message: result.fieldErrors.roles[0] });
      return result;
    }, (result) =>
      result.ok && result.data.status === "pending"
        ? "Asked for. Another admin must confirm this role change before it applies (separation of duties)."
        : "Roles saved. They apply from the person's next click."),
  );
  const setPassword = passwordForm.handleSubmit((values) =>
    run(async () => {
      const result = await withStepUp(() => resetUserPasswordAction(values));
      if (result.ok) passwordForm.reset({ userId: user.id, password: "" });
      else if (result.fieldErrors?.password?.[0]) passwordForm.setError("password", { message: result.fieldErrors.password[0] });
      return result;
    }, "Password set. Pass it on over a secure channel."),
  );

  return (
    <>
      <Button variant="secondary" className="!py-1.5" onClick={() => (setNotice(null), setOpen(true))} aria-label={`Manage ${user.email}`}>
        Manage
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={user.name} description={user.email}>
        {/* The dialog sits in a right-aligned table cell; its content reads left to right. */}
        <div className="space-y-6 text-left">
          <form onSubmit={saveRoles} noValidate className="space-y-3">
            <RoleCheckboxes idPrefix={`user-${user.id}`} register={rolesForm.register("roles")} error={rolesForm.formState.errors.roles?.message} />
            <div className="flex justify-end">
              <Button type="submit" variant="secondary" disabled={pending}>
                Save roles
              </Button>
            </div>
          </form>
          <form onSubmit={setPassword} noValidate className="flex items-start gap-3 border-t border-slate-100 pt-5">
            <TextField label="New password" type="password" autoComplete="new-password" className="flex-1" hint="At least 12 characters; also lifts a sign-in lock." error={passwordForm.formState.errors.password?.message} {...passwordForm.register("password")} />
            <div className="pt-7">
              <Button type="submit" variant="secondary" disabled={pending}>
                Reset password
              </Button>
            </div>
          </form>
          <div className="flex items-center justify-between gap-4 border-t border-slate-100 pt-5">
            <p className="text-sm text-slate-500">{user.active ? "Deactivating signs them out at their next click. Their history stays." : "This person cannot sign in."}</p>
            <Button
              variant={user.active ? "danger" : "secondary"}
              disabled={pending}
              onClick={() => void run(() => withStepUp(() => setUserActiveAction({ userId: user.id, active: !user.active })), user.active ? "Deactivated." : "Reactivated.")}
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </Button>
          </div>
          {notice ? (
            <p role={notice.tone === "error" ? "alert" : "status"} className={`rounded-lg px-3 py-2 text-sm ${notice.tone === "error" ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-800"}`}>
              {notice.text}
            </p>
          ) : null}
          <div className="flex justify-end">
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Close
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
