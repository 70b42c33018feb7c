import type { ReactNode } from "react";

/** A page-level problem the person can act on (a bad filter, a failed load), announced as it appears. */
export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="rounded-lg bg-red-50 px-4 py-3 text-sm text-red-700">
      {children}
    </p>
  );
}
