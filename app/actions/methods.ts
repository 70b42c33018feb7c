"use server";

import { revalidatePath } from "next/cache";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { currentRequestId, requirePermission } from "@/lib/auth/session";
import { getDb } from "@/lib/db";
import { syncMethods, type SyncMethodsOutcome } from "@/lib/methods/sync-methods";
import { getHelloCleverClient } from "@/lib/runtime";

/** "Sync methods" (admins): re-reads the catalogue from Hello Clever; when it cannot, the stored one stays. */
export async function syncMethodsAction(): Promise<ActionResult<SyncMethodsOutcome>> {
  let outcome: SyncMethodsOutcome;
  try {
    const user = await requirePermission("admin.manage");
    outcome = await syncMethods(getDb(), {
      client: getHelloCleverClient(),
      actor: { kind: "user", id: user.id, label: user.email },
      requestId: await currentRequestId(),
    });
  } catch (error) {
    return toActionError(error, { action: "methods.sync" });
  }
  revalidatePath("/admin/methods");
  revalidatePath("/batches/new");
  return { ok: true, data: outcome };
}
