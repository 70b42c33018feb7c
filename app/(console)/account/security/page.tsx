import type { Metadata } from "next";
import { RecoveryCodesButton } from "@/components/account/recovery-codes-button";
import { TotpSetup } from "@/components/account/totp-setup";
import { PageHeader } from "@/components/ui/page-header";
import { getSecondFactorStatus } from "@/lib/auth/second-factor";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Two-step sign-in" };

/** The signed-in person's second factors: authenticator app (TOTP) and recovery codes. */
export default async function AccountSecurityPage() {
  const user = await requirePagePermission("batches.view");
  const status = await getSecondFactorStatus(getDb(), user);
  return (
    <>
      <PageHeader title="Two-step sign-in" description={`Signing in as ${user.email} asks for a code from your phone after the password, and approvals and user changes ask again after 5 minutes.`} />
      <section aria-labelledby="totp-heading" className="max-w-2xl rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <h2 id="totp-heading" className="text-base font-semibold text-slate-900">
          Authenticator app
        </h2>
        <p className="mt-1 mb-4 text-sm text-slate-500" data-testid="totp-status">
          {status.totp
            ? `On. ${status.recoveryCodesLeft} of 10 recovery codes left.`
            : status.required
              ? "Required for your role: set it up to continue."
              : "Off. Any TOTP app works (Google Authenticator, 1Password, Authy…)."}
        </p>
        {status.totp ? <RecoveryCodesButton /> : <TotpSetup />}
      </section>
    </>
  );
}
