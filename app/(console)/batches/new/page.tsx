import type { Metadata } from "next";
import { NewBatchForm } from "@/components/batches/new-batch-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/auth/request-context";
import { listMethods } from "@/lib/methods/list-methods";
import { findPayeeForEditor } from "@/lib/payees/find-payees-for-editor";
import { payeeRowInput } from "@/lib/payees/payee-row";
import { isUuid } from "@/lib/uuid";

export const metadata: Metadata = { title: "New batch" };

// `?method=…&payee=…` ("Pay again" on a payee's page): the method chosen and a row paying that payee.
export default async function NewBatchPage({ searchParams }: { searchParams: Promise<{ method?: string | string[]; payee?: string | string[] }> }) {
  const ctx = await pageContext("batches.edit");
  const methods = (await listMethods(ctx)).flatMap((item) => (item.usability.usable ? [item.usability.method] : []));
  const { method: methodName, payee: payeeId } = await searchParams;
  const method = typeof methodName === "string" ? methods.find((candidate) => candidate.name === methodName) : undefined;
  const payee = method && isUuid(payeeId) ? await findPayeeForEditor(ctx, { payeeId, method: method.name }) : null;
  const start = method ? { methodName: method.name, rows: payee ? [payeeRowInput(payee, method.fields.map((field) => field.key))] : undefined, payeeName: payee?.name } : undefined;
  // The form owns the heading: it becomes "Edit draft" once the batch is saved.
  if (methods.length > 0) return <NewBatchForm methods={methods} start={start} />;
  return (
    <>
      <PageHeader title="New batch" />
      <EmptyState
        title="No payout methods yet"
        description="The methods catalogue has not been fetched from Hello Clever yet (it syncs on first start). Try again in a moment, or ask an admin to sync it."
      />
    </>
  );
}
