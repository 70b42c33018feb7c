import type { Metadata } from "next";
import Link from "next/link";
import { BatchTable } from "@/components/batches/batch-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { pageContext } from "@/lib/auth/request-context";
import { listBatches, listBatchesQuerySchema } from "@/lib/batches/list-batches";
import { DEFAULT_VIEW, type BatchListView } from "@/lib/batches/list-view";

export const metadata: Metadata = { title: "Batches" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BatchesPage({ searchParams }: Props) {
  const ctx = await pageContext("batches.view");
  const canCreate = can(ctx.actor.roles, "batches.edit");
  const raw = await searchParams;
  const first = (key: string) => (Array.isArray(raw[key]) ? raw[key][0] : raw[key]);
  // Filters and sort come from the URL (`?status=rejected`); a bad value reads as the default.
  const parsed = listBatchesQuerySchema.safeParse({ status: first("status"), sort: first("sort"), dir: first("dir"), q: first("q") });
  const query = parsed.success ? parsed.data : listBatchesQuerySchema.parse({});
  const view: BatchListView = parsed.success
    ? { status: (query.status.length === 1 ? query.status[0] : "") ?? "", sort: query.sort, dir: query.dir, q: query.q ?? "" }
    : DEFAULT_VIEW;
  // The first page is rendered on the server; the table keeps it live from there.
  const initialPage = await listBatches(ctx, { ...query, status: view.status ? [view.status] : [] });
  return (
    <>
      <PageHeader
        title="Batches"
        description="Every payout batch, its approval and where Hello Clever has got to with it."
        actions={canCreate ? <Link href="/batches/new" className={buttonClasses("primary")}>New batch</Link> : null}
      />
      <BatchTable
        initialPage={initialPage}
        initialView={view}
        emptyState={
          <EmptyState
            title="No batches yet"
            description={canCreate ? "Create a batch by hand or from a CSV file. It goes to Hello Clever only after someone else approves it." : "Batches appear here as soon as an operator creates one."}
            action={canCreate ? <Link href="/batches/new" className={buttonClasses("primary")}>Create the first batch</Link> : null}
          />
        }
      />
    </>
  );
}
