import Link from "next/link";
import { Table, TBody, Td, Th, THead, rowClass } from "@/components/ui/table";
import { Instant } from "@/components/ui/time-zone";
import { describeAudit } from "@/lib/audit/describe-audit";
import type { AuditRow } from "@/lib/audit/query-audit";

function text(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "status: submitted → completed" for each key that the entry's before or after holds. */
function changes(before: unknown, after: unknown): { key: string; from?: string; to?: string }[] {
  const b = before && typeof before === "object" ? (before as Record<string, unknown>) : {};
  const a = after && typeof after === "object" ? (after as Record<string, unknown>) : {};
  return [...new Set([...Object.keys(b), ...Object.keys(a)])].map((key) => ({ key, from: key in b ? text(b[key]) : undefined, to: key in a ? text(a[key]) : undefined }));
}

/** The audit trail: a readable sentence per entry ("Ava Approver approved batch 5eb528f1"), the raw action code beside it, and the before → after. */
export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <Table label="Audit entries" minWidth="min-w-[1100px]" testId="audit-table">
      <THead>
        <tr>
          <Th sticky>Time</Th>
          <Th>What happened</Th>
          <Th>Actor</Th>
          <Th>Action</Th>
          <Th>Batch</Th>
          <Th>Before → after</Th>
          <Th>Details</Th>
          <Th>Request ID</Th>
        </tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <tr key={row.id} className={`${rowClass} align-top`} data-testid="audit-row">
            <Td sticky className="whitespace-nowrap tabular-nums text-slate-700">
              <Instant at={row.at} style="seconds" />
            </Td>
            <Td className="min-w-64 text-slate-900" data-testid="audit-sentence">
              {describeAudit(row)}
            </Td>
            <Td className="whitespace-nowrap">
              <span className={row.actorId ? "text-slate-900" : "font-mono text-xs text-slate-600"}>{row.actorLabel}</span>
            </Td>
            <Td>
              <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-800">{row.action}</code>
            </Td>
            <Td className="font-mono text-xs">
              {row.batchId ? (
                <Link href={`/batches/${row.batchId}`} className="text-brand-700 underline" title={row.batchId}>
                  {row.batchId.slice(0, 8)}
                </Link>
              ) : row.entityType && row.entityType !== "batch" ? (
                <span className="text-slate-600" title={row.entityId ?? undefined}>
                  {row.entityType}
                </span>
              ) : (
                <span className="text-slate-600">—</span>
              )}
            </Td>
            <Td className="text-xs">
              {changes(row.before, row.after).map(({ key, from, to }) => (
                <div key={key} className="whitespace-nowrap">
                  <span className="text-slate-600">{key}:</span> {from !== undefined ? <del className="text-slate-600">{from}</del> : null}
                  {from !== undefined && to !== undefined ? " → " : null}
                  {to !== undefined ? <span className="font-medium text-slate-900">{to}</span> : null}
                </div>
              ))}
            </Td>
            <Td className="max-w-80 text-xs">
              {row.details && typeof row.details === "object" ? (
                Object.entries(row.details as Record<string, unknown>).map(([key, value]) => (
                  <div key={key} className="break-words">
                    <span className="text-slate-600">{key}:</span> <span className="break-all font-mono text-slate-800">{text(value)}</span>
                  </div>
                ))
              ) : (
                <span className="text-slate-600">—</span>
              )}
            </Td>
            <Td className="whitespace-nowrap font-mono text-xs text-slate-600">{row.requestId ? row.requestId.slice(0, 8) : "—"}</Td>
          </tr>
        ))}
      </TBody>
    </Table>
  );
}
