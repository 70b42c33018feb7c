"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { useStepUp } from "@/components/auth/step-up-provider";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { createUserAction } from "@/lib/actions/create-user";
import { createUserSchema, type CreateUserInput } from "@/lib/users/schemas";
import { RoleCheckboxes } from "./role-checkboxes";

const FIELDS = ["email", "name", "roles", "password"] as const;

/** "Add user": the admin picks the first password and passes it on to the person. */
export function CreateUserForm() {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [pending, startTransition] = useTransition();
  const [created, setCreated] = useState<string | null>(null);
  const form = useForm<CreateUserInput>({ resolver: zodResolver(createUserSchema), defaultValues: { email: "", name: "", roles: [], password: "" } });
  const { errors } = form.formState;
  const submit = form.handleSubmit((values) =>
    new Promise<void>((resolve) =>
      startTransition(async () => {
        setCreated(null);
        const result = await withStepUp(() => createUserAction(values));
        if (result.ok) {
          const email = values.email.trim().toLowerCase();
          setCreated(
            result.data.pendingGrant
              ? `Added ${email}. Their ${result.data.pendingGrant.roles.filter((role) => role === "approver" || role === "admin").join(" and ")} role waits for another admin to confirm it (separation of duties).`
              : `Added ${email}. Give them their password in person or over a secure channel.`,
          );
          form.reset();
          router.refresh();
        } else {
          let placed = false;
          for (const field of FIELDS) {
            const message = result.fieldErrors?.[field]?.[0];
            if (message) {
              form.setError(field, { message });
              placed = true;
            }
          }
          if (result.code === "conflict") form.setError("email", { message: result.message });
          else if (!placed) form.setError("root", { message: result.message });
        }
        resolve();
      }),
    ),
  );
  return (
    <form onSubmit={submit} noValidate aria-label="Add user" className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Email" type="email" autoComplete="off" error={errors.email?.message} {...form.register("email")} />
        <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
      </div>
      <RoleCheckboxes idPrefix="new-user" register={form.register("roles")} error={errors.roles?.message} />
      <TextField label="Password" type="password" autoComplete="new-password" hint="At least 12 characters. They can sign in with it straight away." error={errors.password?.message} {...form.register("password")} />
      {errors.root ? (
        <p role="alert" className="text-sm text-red-600">
          {errors.root.message}
        </p>
      ) : null}
      {created ? (
        <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {created}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add user"}
        </Button>
      </div>
    </form>
  );
}
