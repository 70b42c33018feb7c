"use client";

import { useState } from "react";
import type { MethodForForm } from "@/lib/methods/schemas";
import { LazyBatchEditor, preloadBatchEditor } from "./lazy-batch-editor";
import { MethodSelect } from "./method-select";

/** /batches/new: pick a method, then its form. */
export function NewBatchForm({ methods }: { methods: MethodForForm[] }) {
  const [name, setName] = useState("");
  const method = methods.find((candidate) => candidate.name === name);
  const picker = <MethodSelect methods={methods} value={name} onChange={setName} onIntent={preloadBatchEditor} />;
  if (!method) {
    return (
      <section className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <div className="max-w-md">{picker}</div>
      </section>
    );
  }
  // Keyed by method: another method has other columns and rules, so its form starts afresh.
  return <LazyBatchEditor key={method.name} method={method} methodField={picker} />;
}
