import { AddPasskeyForm } from "./passkeys-panel";
import { TotpSetup } from "./totp-setup";

/** Shown instead of any console page to an approver or admin (or anyone, by setting) with no second factor yet. */
export function SecondFactorGate() {
  return (
    <section aria-labelledby="gate-heading" className="max-w-2xl rounded-xl border border-amber-200 bg-white p-6 shadow-sm" data-testid="second-factor-gate">
      <h1 id="gate-heading" className="text-xl font-semibold text-slate-900">
        Set up two-step sign-in first
      </h1>
      <p className="mt-2 mb-5 text-sm text-slate-600">
        Your role can approve payouts or manage people, so signing in needs a second factor: a code from an authenticator app on your phone, or a passkey. It takes a minute.
      </p>
      <TotpSetup />
      <h2 className="mt-6 mb-3 border-t border-slate-200 pt-5 text-base font-semibold text-slate-900">Or add a passkey</h2>
      <AddPasskeyForm />
    </section>
  );
}
