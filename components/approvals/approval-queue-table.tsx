import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TBody, Td, Th, THead, rowClass } from "@/components/ui/table";
import type { ApprovalQueueItem } from "@/lib/approvals/list-approval-queue";
import { formatCount, formatMoney } from "@/lib/format/money";
import { RISK_FLAG_CODES, RISK_FLAG_LABELS, type RiskFlagCode } from "@/lib/risk/flags";

function age(since: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - since.getTime()) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} days`;
}

/** The batch's risk flags (computed at submit for approval, issue 17): a count, then each kind. */
function Flags({ item }: { item: ApprovalQueueItem }) {
  const flags = item.flags;
  if (!flags || flags.total === 0) return <span className="text-slate-600">None</span>;
  const codes = [...flags.codes].sort((a, b) => RISK_FLAG_CODES.indexOf(a as RiskFlagCode) - RISK_FLAG_CODES.indexOf(b as RiskFlagCode));
  return (
    <span className="flex flex-wrap gap-1" data-testid="queue-flags">
      <Badge tone={flags.high > 0 ? "danger" : "warning"}>
        {flags.total} flag{flags.total === 1 ? "" : "s"}
        {flags.high > 0 ? `, ${flags.high} high` : ""}
      </Badge>
      {codes.map((code) => (
        <Badge key={code} tone="neutral">
          {RISK_FLAG_LABELS[code as RiskFlagCode] ?? code}
        </Badge>
      ))}
    </span>
  );
}

function Needed({ item }: { item: ApprovalQueueItem }) {
  return (
    <Badge tone={item.approvalsNeeded > 1 ? "pending" : "neutral"}>
      {item.approvals} of {item.approvalsNeeded}
    </Badge>
  );
}

/** The approver's queue, oldest first: each row opens the batch page, where the decision is made. On a phone, cards. */
export function ApprovalQueueTable({ items, now }: { items: ApprovalQueueItem[]; now: Date }) {
  return (
    <>
      <div className="hidden md:block">
        <Table label="Batches waiting for your approval" minWidth="min-w-[900px]">
          <THead>
            <tr>
              <Th sticky>Batch</Th>
              <Th>Maker</Th>
              <Th>Waiting</Th>
              <Th align="right">Total</Th>
              <Th align="right">Transactions</Th>
              <Th>Approvals</Th>
              <Th>Flags</Th>
            </tr>
          </THead>
          <TBody>
            {items.map((item) => (
              <tr key={item.id} className={rowClass} data-testid="approval-queue-row">
                <Td sticky className="max-w-72">
                  <Link href={`/batches/${item.id}`} className="block truncate font-medium text-slate-900 underline" title={item.description}>
                    {item.description}
                    <span className="sr-only"> (Review batch by {item.makerName})</span>
                  </Link>
                  <span className="text-xs text-slate-600">
                    {item.methodLabel} · <span className="font-mono">{item.id.slice(0, 8)}</span>
                  </span>
                </Td>
                <Td title={item.makerEmail}>{item.makerName}</Td>
                <Td className="whitespace-nowrap">{age(item.waitingSince, now)}</Td>
                <Td align="right" className="whitespace-nowrap text-slate-900">
                  {formatMoney(item.totalAmount, item.currency)}
                </Td>
                <Td align="right">{formatCount(item.transactionCount)}</Td>
                <Td className="whitespace-nowrap">
                  <Needed item={item} />
                </Td>
                <Td>
                  <Flags item={item} />
                </Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </div>
      <ul className="space-y-3 md:hidden" aria-label="Batches waiting for your approval">
        {items.map((item) => (
          <li key={item.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="approval-queue-card">
            <Link href={`/batches/${item.id}`} className="break-words font-medium text-slate-900 underline">
              {item.description}
              <span className="sr-only"> (Review batch by {item.makerName})</span>
            </Link>
            <p className="mt-1 text-xs text-slate-600">
              {item.makerName} · waiting {age(item.waitingSince, now)}
            </p>
            <p className="mt-2 text-sm font-medium tabular-nums text-slate-900">
              {formatMoney(item.totalAmount, item.currency)} · {formatCount(item.transactionCount)} transactions
            </p>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <Needed item={item} />
              <Flags item={item} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
