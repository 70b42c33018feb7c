"use client";

import dynamic from "next/dynamic";

// The editor brings zod (the method's transaction schema), react-hook-form, the row virtualiser
// and the CSV import: most of a page's JavaScript. /batches/new shows only the method picker
// until a method is chosen, and a batch that is not the viewer's draft never shows the editor,
// so those pages load it when it is rendered rather than with the page.

/** Starts fetching the editor's code before it is needed (e.g. while the method picker has focus). */
export function preloadBatchEditor(): void {
  void import("./batch-editor");
}

export const LazyBatchEditor = dynamic(() => import("./batch-editor").then((module) => module.BatchEditor), { loading: EditorLoading });

function EditorLoading() {
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" aria-busy="true">
      <h2 className="text-base font-semibold text-slate-900">Batch</h2>
      <p role="status" className="mt-4 text-sm text-slate-500">
        Loading the batch form…
      </p>
    </section>
  );
}
