"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { runProviderCheckAction } from "@/lib/actions/run-provider-check";

export type ProviderCheckView = {
  last: { ranAt: string; held: boolean; actorLabel: string; checks: Array<{ endpoint: string; what: string; outcome: "held" | "differs" | "skipped"; detail: string }> } | null;
  lastHeldAt: string | null;
};

const OUTCOME_STYLE = { held: "text-emerald-700", differs: "text-red-700 font-semibold", skipped: "text-slate-500" } as const;

/** "Provider check": runs the read-only contract checks against Hello Clever on demand; shows when they last held. */
export function ProviderCheckPanel({ summary }: { summary: ProviderCheckView }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const result = await runProviderCheckAction();
      if (!result.ok) setError(result.message);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  const { last, lastHeldAt } = summary;
  return (
    <section aria-labelledby="provider-check-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-testid="provider-check">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 id="provider-check-heading" className="text-base font-semibold text-slate-900">Provider check</h2>
          <p className="mt-1.5 max-w-xl text-sm text-slate-500">
            Checks the documented Hello Clever endpoints this console relies on, read-only (nothing is created). Run it after
            changing credentials or before going live.
          </p>
          <p className="mt-2 text-sm text-slate-700" data-testid="provider-check-last-held">
            {lastHeldAt ? (
              <>
                Last held <RelativeTime iso={lastHeldAt} />.
              </>
            ) : (
              "Has not held yet."
            )}
          </p>
        </div>
        <Button type="button" onClick={() => void run()} disabled={busy}>
          {busy ? "Checking…" : "Run provider check"}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      {last ? (
        <div className="mt-4">
          <p role="status" className={`text-sm ${last.held ? "text-emerald-700" : "text-red-700"}`} data-testid="provider-check-outcome">
            {last.held ? "The last check held" : "The last check found differences"} (<RelativeTime iso={last.ranAt} />, by {last.actorLabel}).
          </p>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {last.checks.map((check, index) => (
              <li key={index} className="flex flex-wrap gap-x-3 py-1.5">
                <span className={`w-16 shrink-0 ${OUTCOME_STYLE[check.outcome]}`}>{check.outcome}</span>
                <code className="shrink-0 text-slate-700">{check.endpoint}</code>
                <span className="text-slate-600">
                  {check.what}: {check.detail}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
