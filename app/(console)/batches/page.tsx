import type { Metadata } from "next";
import Link from "next/link";
import { BatchTable } from "@/components/batches/batch-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/roles";
import { requirePagePermission } from "@/lib/auth/session";
import { listBatches, listBatchesQuerySchema } from "@/lib/batches/list-batches";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Batches" };

export default async function BatchesPage() {
  const user = await requirePagePermission("batches.view");
  const canCreate = can(user.roles, "batches.edit");
  // The first page is rendered on the server; the table keeps it live from there.
  const initialPage = await listBatches(getDb(), listBatchesQuerySchema.parse({}));
  return (
    <>
      <PageHeader
        title="Batches"
        description="Every payout batch, its approval and where Hello Clever has got to with it."
        actions={canCreate ? <Link href="/batches/new" className={buttonClasses("primary")}>New batch</Link> : null}
      />
      <BatchTable
        initialPage={initialPage}
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
