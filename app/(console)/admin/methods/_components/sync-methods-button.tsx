"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { syncMethodsAction } from "@/lib/actions/sync-methods";
import { Button } from "@/components/ui/button";

type Notice = { tone: "success" | "error"; text: string };

/** "Sync methods": re-reads the catalogue; when Hello Clever is unreachable, says so and how old the stored one is. */
export function SyncMethodsButton({ storedAge }: { storedAge: string | null }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);

  async function sync() {
    setBusy(true);
    setNotice(null);
    try {
      const result = await syncMethodsAction();
      if (!result.ok) {
        setNotice({ tone: "error", text: result.message });
        return;
      }
      const outcome = result.data;
      if (outcome.kind === "unavailable") {
        setNotice({
          tone: "error",
          text: `Hello Clever could not be reached: ${outcome.message}. ${storedAge ? `The stored catalogue, synced ${storedAge}, is still in use.` : "There is no stored catalogue yet."}`,
        });
        return;
      }
      const unusable = outcome.unusable.length;
      setNotice({
        tone: "success",
        text: `Synced ${outcome.total} methods${unusable > 0 ? `; ${unusable} cannot be used (see below)` : ""}${outcome.withdrawn.length > 0 ? `; ${outcome.withdrawn.length} no longer listed` : ""}.`,
      });
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col items-end gap-2">
      <Button type="button" onClick={() => void sync()} disabled={busy}>
        {busy ? "Syncing…" : "Sync methods"}
      </Button>
      {notice ? (
        <p role={notice.tone === "error" ? "alert" : "status"} className={`max-w-md text-right text-sm ${notice.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {notice.text}
        </p>
      ) : null}
    </div>
  );
}
