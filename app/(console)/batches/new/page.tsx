import type { Metadata } from "next";
import { NewBatchForm } from "@/components/batches/new-batch-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { listMethods } from "@/lib/methods/list-methods";

export const metadata: Metadata = { title: "New batch" };

export default async function NewBatchPage() {
  await requirePagePermission("batches.edit");
  const methods = (await listMethods(getDb())).flatMap((item) => (item.usability.usable ? [item.usability.method] : []));
  return (
    <>
      <PageHeader
        title="New batch"
        description="One batch is one Hello Clever payout: one method, one currency, up to 10,000 transactions. It is sent only after someone else approves it."
      />
      {methods.length === 0 ? (
        <EmptyState
          title="No payout methods yet"
          description="The methods catalogue has not been fetched from Hello Clever yet (it syncs on first start). Try again in a moment, or ask an admin to sync it."
        />
      ) : (
        <NewBatchForm methods={methods} />
      )}
    </>
  );
}
