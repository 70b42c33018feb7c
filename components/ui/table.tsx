import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/**
 * A table in a scrollable region: focusable and named, so keyboard users can scroll it and
 * screen readers announce it. `stickyFirst` keeps the first column in view while scrolling sideways.
 */
export function Table({
  label,
  children,
  minWidth,
  className = "",
  testId,
  tableTestId,
}: {
  label: string;
  children: ReactNode;
  minWidth?: string;
  className?: string;
  testId?: string;
  tableTestId?: string;
}) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm ${className}`} data-testid={testId}>
      <table className={`w-full text-sm ${minWidth ?? ""}`} data-testid={tableTestId}>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">{children}</thead>;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
}

const STICKY = "sticky left-0 z-10 bg-inherit";

/** A header cell: never truncated (headers wrap on spaces at most). */
export function Th({ align = "left", sticky, className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement> & { align?: "left" | "right"; sticky?: boolean }) {
  return (
    <th
      scope="col"
      className={`whitespace-nowrap px-4 py-3 font-medium ${align === "right" ? "text-right" : "text-left"} ${sticky ? `${STICKY} bg-slate-50` : ""} ${className}`}
      {...props}
    />
  );
}

export function Td({ align = "left", sticky, className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement> & { align?: "left" | "right"; sticky?: boolean }) {
  return (
    <td
      className={`px-4 py-3 text-slate-700 ${align === "right" ? "text-right tabular-nums" : ""} ${sticky ? `${STICKY} bg-white` : ""} ${className}`}
      {...props}
    />
  );
}

/** The row class: a quiet hover that keeps contrast in both schemes. */
export const rowClass = "hover:bg-slate-50";
