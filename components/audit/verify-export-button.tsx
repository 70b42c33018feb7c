"use client";

import { useId, useState } from "react";
import { verifyAuditExport, type ChainVerdict } from "@/lib/audit/audit-chain";

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * "Verify an export": checks an /audit CSV export in the browser (nothing is uploaded) with the
 * same code as `npm run verify-audit`, and says whether the chain holds or which row breaks it.
 */
export function VerifyExportButton() {
  const id = useId();
  const [verdict, setVerdict] = useState<ChainVerdict | { ok: false; problem: string; running?: boolean } | null>(null);
  const [running, setRunning] = useState(false);

  async function check(file: File | undefined) {
    if (!file) return;
    setRunning(true);
    setVerdict(null);
    try {
      setVerdict(await verifyAuditExport(await file.text(), sha256Hex));
    } catch (error) {
      setVerdict({ ok: false, problem: error instanceof Error ? error.message : "The file could not be read" });
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      <label htmlFor={id} className="cursor-pointer rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 focus-within:ring-2 focus-within:ring-brand-600 hover:bg-slate-50">
        Verify an export
        <input id={id} type="file" accept=".csv,text/csv" className="sr-only" onChange={(event) => void check(event.target.files?.[0])} />
      </label>
      <p aria-live="polite" data-testid="verify-status" className={`text-sm ${verdict && !verdict.ok ? "text-red-600" : "text-emerald-700"}`}>
        {running ? "Verifying…" : null}
        {verdict?.ok ? `Verified: ${verdict.note}.` : null}
        {verdict && !verdict.ok ? `Not verified: ${verdict.problem}.` : null}
      </p>
    </div>
  );
}
