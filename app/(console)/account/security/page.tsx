import type { Metadata } from "next";
import { PasskeysPanel } from "@/components/account/passkeys-panel";
import { RecoveryCodesButton } from "@/components/account/recovery-codes-button";
import { TotpSetup } from "@/components/account/totp-setup";
import { PageHeader } from "@/components/ui/page-header";
import { listPasskeys } from "@/lib/auth/passkeys";
import { pageContext } from "@/lib/auth/request-context";
import { getSecondFactorStatus } from "@/lib/auth/second-factor";

export const metadata: Metadata = { title: "Two-step sign-in" };

/** The signed-in person's second factors: authenticator app (TOTP), passkeys and recovery codes. */
export default async function AccountSecurityPage() {
  const ctx = await pageContext("batches.view");
  const { actor } = ctx;
  const status = await getSecondFactorStatus(ctx, actor);
  const passkeys = await listPasskeys(ctx, { userId: actor.id });
  return (
    <>
      <PageHeader title="Two-step sign-in" description={`Signing in as ${actor.label} asks for a code from your phone or a passkey after the password, and approvals and user changes ask again after 5 minutes.`} />
      <div className="max-w-3xl space-y-6">
        <section aria-labelledby="totp-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="totp-heading" className="text-base font-semibold text-slate-900">
            Authenticator app
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-500" data-testid="totp-status">
            {status.totp
              ? `On. ${status.recoveryCodesLeft} of 10 recovery codes left.`
              : status.required && !status.enrolled
                ? "Required for your role: set it up (or add a passkey) to continue."
                : "Off. Any TOTP app works (Google Authenticator, 1Password, Authy…)."}
          </p>
          {status.totp ? <RecoveryCodesButton /> : <TotpSetup />}
        </section>
        <section aria-labelledby="passkeys-heading" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
          <h2 id="passkeys-heading" className="text-base font-semibold text-slate-900">
            Passkeys
          </h2>
          <p className="mt-1 mb-4 text-sm text-slate-500" data-testid="passkeys-status">
            {passkeys.length === 0
              ? "None yet. A passkey (your device's fingerprint, face or screen lock, or a security key) can be used instead of a code."
              : `${passkeys.length} passkey${passkeys.length === 1 ? "" : "s"}: sign-in and step-up offer "Use a passkey".${status.totp ? "" : ` ${status.recoveryCodesLeft} of 10 recovery codes left.`}`}
          </p>
          <PasskeysPanel passkeys={passkeys.map((row) => ({ id: row.id, name: row.name, createdAt: row.createdAt.toISOString(), lastUsedAt: row.lastUsedAt?.toISOString() ?? null }))} />
          {!status.totp && passkeys.length > 0 ? (
            <div className="mt-4">
              <RecoveryCodesButton />
            </div>
          ) : null}
        </section>
      </div>
    </>
  );
}
