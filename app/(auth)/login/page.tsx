import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { Logo } from "@/components/ui/logo";
import { safeCallback } from "@/lib/auth/safe-callback";
import { getCurrentUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  // Only paths on this site are honoured, so a crafted link cannot bounce people elsewhere.
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <main className="grid min-h-screen lg:grid-cols-2">
      <section className="flex flex-col justify-center px-6 py-12 sm:px-12">
        <div className="mx-auto w-full max-w-sm">
          <Logo className="text-lg text-slate-900" />
          <h1 className="mt-10 text-2xl font-semibold tracking-tight">Sign in to your desk</h1>
          <p className="mt-2 text-sm text-slate-500">Build, approve and track payouts sent through Hello Clever.</p>
          <LoginForm callbackUrl={callbackUrl} />
        </div>
      </section>
      <aside className="relative hidden overflow-hidden bg-gradient-to-br from-brand-700 via-brand-600 to-indigo-700 lg:flex lg:flex-col lg:justify-end lg:p-12">
        <div className="absolute -right-24 -top-24 size-96 rounded-full bg-white/10" aria-hidden="true" />
        <div className="absolute -bottom-32 -left-16 size-80 rounded-full bg-white/5" aria-hidden="true" />
        <blockquote className="relative max-w-md text-white">
          <p className="text-xl font-medium leading-relaxed">Every payout made by one person, approved by another, sent exactly once, and accounted for.</p>
          <footer className="mt-6 flex gap-6 text-sm text-brand-100">
            <span>Maker-checker</span>
            <span>At-most-once submission</span>
            <span>Append-only audit</span>
          </footer>
        </blockquote>
      </aside>
    </main>
  );
}
