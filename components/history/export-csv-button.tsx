"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";

type State = { kind: "idle" } | { kind: "running"; rows: number } | { kind: "done"; rows: number } | { kind: "error"; message: string };

const QUOTE = 34;
const LINE_FEED = 10;
const PAINT_EVERY_MS = 150;

/**
 * Downloads a streamed CSV export while counting its rows, so a long export shows progress.
 * The bytes are kept until the end and saved through a Blob URL (a plain link would give no
 * progress and no error message).
 */
export function ExportCsvButton({ href, label = "Export CSV" }: { href: string; label?: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const controller = useRef<AbortController | null>(null);

  async function run() {
    const abort = new AbortController();
    controller.current = abort;
    setState({ kind: "running", rows: 0 });
    try {
      const response = await fetch(href, { signal: abort.signal, cache: "no-store" });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { message?: string; fieldErrors?: Record<string, string> } | null;
        const fields = body?.fieldErrors ? `: ${Object.entries(body.fieldErrors).map(([field, message]) => `${field}: ${message}`).join("; ")}` : "";
        throw new Error(`${body?.message ?? `The export failed (HTTP ${response.status})`}${fields}`);
      }
      const reader = response.body.getReader();
      const parts: Uint8Array<ArrayBuffer>[] = [];
      // Records end at a line feed outside quotes (a quoted cell may hold line breaks); the
      // header is the first record, so data rows start at -1.
      let rows = -1;
      let quoted = false;
      let painted = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value as Uint8Array<ArrayBuffer>);
        for (let i = 0; i < value.length; i++) {
          const byte = value[i];
          if (byte === QUOTE) quoted = !quoted;
          else if (byte === LINE_FEED && !quoted) rows++;
        }
        if (performance.now() - painted > PAINT_EVERY_MS) {
          painted = performance.now();
          setState({ kind: "running", rows: Math.max(rows, 0) });
        }
      }
      const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export.csv";
      const url = URL.createObjectURL(new Blob(parts, { type: "text/csv;charset=utf-8" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ kind: "done", rows: Math.max(rows, 0) });
    } catch (error) {
      if (abort.signal.aborted) setState({ kind: "idle" });
      else setState({ kind: "error", message: error instanceof Error ? error.message : "The export failed" });
    } finally {
      controller.current = null;
    }
  }

  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      <p aria-live="polite" className="text-sm text-slate-500" data-testid="export-status">
        {state.kind === "running" ? `Exporting… ${state.rows.toLocaleString("en-US")} rows so far` : null}
        {state.kind === "done" ? `Exported ${state.rows.toLocaleString("en-US")} row${state.rows === 1 ? "" : "s"}` : null}
      </p>
      {state.kind === "error" ? (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      ) : null}
      {state.kind === "running" ? (
        <Button variant="secondary" onClick={() => controller.current?.abort()}>
          Cancel export
        </Button>
      ) : (
        <Button variant="secondary" onClick={() => void run()}>
          <svg viewBox="0 0 20 20" fill="currentColor" className="size-4" aria-hidden="true">
            <path d="M10 2.75a.75.75 0 0 1 .75.75v7.69l2.47-2.47a.75.75 0 1 1 1.06 1.06l-3.75 3.75a.75.75 0 0 1-1.06 0L5.72 9.78a.75.75 0 0 1 1.06-1.06l2.47 2.47V3.5a.75.75 0 0 1 .75-.75ZM3.5 13.75a.75.75 0 0 1 .75.75v1.25c0 .14.11.25.25.25h11c.14 0 .25-.11.25-.25V14.5a.75.75 0 0 1 1.5 0v1.25A1.75 1.75 0 0 1 15.5 17.5h-11a1.75 1.75 0 0 1-1.75-1.75V14.5a.75.75 0 0 1 .75-.75Z" />
          </svg>
          {label}
        </Button>
      )}
    </div>
  );
}
