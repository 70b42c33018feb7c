import Link from "next/link";
import type { StoredField } from "@/lib/db/schema";
import type { Transaction } from "@/lib/db/schema/transactions";
import { formatAmount } from "@/lib/money";

const count = (n: number) => n.toLocaleString("en-US");

const STATUS_TONES: Record<string, string> = {
  settled: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  failed: "bg-red-50 text-red-700 ring-red-200",
  pending: "bg-amber-50 text-amber-800 ring-amber-200",
};

type Props = {
  batchId: string;
  currency: string;
  fields: StoredField[] | null;
  rows: Transaction[];
  total: number;
  page: number;
  pageSize: number;
};

/** One page of a batch's transactions, read-only, with the provider's status and failure reason per row. */
export function BatchTransactionsTable({ batchId, currency, fields, rows, total, page, pageSize }: Props) {
  // Params columns come from the method; a key the method no longer has still shows under its own name.
  const paramKeys = fields?.map((field) => field.key) ?? [...new Set(rows.flatMap((row) => Object.keys(row.params)))];
  const labelOf = (key: string) => fields?.find((field) => field.key === key)?.label ?? key;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const head = "whitespace-nowrap px-3 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500";
  const cell = "whitespace-nowrap px-3 py-2.5 text-sm text-slate-700";
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm" aria-label="Transactions">
      <div className="flex items-center justify-between gap-3 px-5 py-4">
        <h2 className="text-base font-semibold text-slate-900">Transactions</h2>
        <p className="text-sm text-slate-500">
          {total === 0 ? "None" : `${count(first)}–${count(first + rows.length - 1)} of ${count(total)}`}
        </p>
      </div>
      <div className="overflow-x-auto border-t border-slate-200">
        <table className="min-w-full divide-y divide-slate-200">
          <thead className="bg-slate-50">
            <tr>
              <th scope="col" className={head}>#</th>
              <th scope="col" className={head}>First name</th>
              <th scope="col" className={head}>Last name</th>
              <th scope="col" className={head}>Email</th>
              <th scope="col" className={`${head} text-right`}>Amount</th>
              <th scope="col" className={head}>Provider status</th>
              <th scope="col" className={head}>Failure reason</th>
              <th scope="col" className={head}>External id</th>
              {paramKeys.map((key) => (
                <th key={key} scope="col" className={head}>{labelOf(key)}</th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={row.id}>
                <td className={`${cell} tabular-nums text-slate-500`}>{count(row.position + 1)}</td>
                <td className={cell}>{row.firstName}</td>
                <td className={cell}>{row.lastName}</td>
                <td className={cell}>{row.email}</td>
                <td className={`${cell} text-right tabular-nums`}>{row.amount !== null ? formatAmount(row.amount, currency) : <span className="text-red-700">{row.rawAmount}</span>}</td>
                <td className={cell}>
                  {row.providerStatus ? (
                    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_TONES[row.providerStatus] ?? "bg-slate-100 text-slate-700 ring-slate-200"}`}>
                      {row.providerStatus}
                    </span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className={`${cell} max-w-xs truncate`} title={row.failureReason ?? undefined}>
                  {row.failureReason ?? <span className="text-slate-400">—</span>}
                </td>
                <td className={cell}>{row.externalId ?? <span className="text-slate-400">—</span>}</td>
                {paramKeys.map((key) => (
                  <td key={key} className={cell}>{row.params[key] ?? <span className="text-slate-400">—</span>}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <nav aria-label="Transaction pages" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm">
          {page > 1 ? <Link className="font-medium text-brand-700 hover:underline" href={`/batches/${batchId}?page=${page - 1}`}>Previous</Link> : <span />}
          <span className="text-slate-500">Page {count(page)} of {count(pages)}</span>
          {page < pages ? <Link className="font-medium text-brand-700 hover:underline" href={`/batches/${batchId}?page=${page + 1}`}>Next</Link> : <span />}
        </nav>
      ) : null}
    </section>
  );
}
