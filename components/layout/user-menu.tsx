import { IntentLink } from "@/components/ui/intent-link";
import { SignOutButton } from "./sign-out-button";
import { TimeZoneSelect } from "./time-zone-select";

/** Who is signed in, with their two-step sign-in settings and sign-out. */
export function UserMenu({ name, email, roles }: { name: string; email: string; roles: string }) {
  const initials = name
    .split(" ")
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <div className="flex items-start gap-3 rounded-xl border border-slate-200 p-3" data-testid="current-user">
      <span className="grid size-9 shrink-0 place-items-center rounded-full bg-brand-100 text-sm font-semibold text-brand-700" aria-hidden="true">
        {initials}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-slate-900" title={email}>
          {name}
        </p>
        <p className="truncate text-xs text-slate-500">{roles}</p>
        <TimeZoneSelect />
        <nav aria-label="Account" className="mt-1 flex flex-wrap gap-x-3">
          <IntentLink href="/account/security" className="text-xs font-medium text-brand-600 hover:text-brand-700">
            Two-step sign-in
          </IntentLink>
          <SignOutButton />
        </nav>
      </div>
    </div>
  );
}
