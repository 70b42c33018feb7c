import { sql } from "drizzle-orm";
import type { Db } from "../../lib/db";
import { auditLog, batches, payoutMethods, transactions, type Batch, type BatchStatus } from "../../lib/db/schema";
import { sumAmounts } from "../../lib/money";
import { MAYA } from "./batch-fixtures";

/** Stores the Maya method (the simulator's ph_bank_maya_php) once. */
export async function ensureMaya(db: Db): Promise<void> {
  await db.insert(payoutMethods).values(MAYA).onConflictDoNothing();
}

/**
 * A batch as issue 5 leaves it after "submit for approval" (or in any later status), with valid
 * Maya transactions the simulator accepts. Inserted directly: these tests start at approval.
 */
export async function insertBatch(
  db: Db,
  input: {
    makerId: string;
    amounts?: string[];
    status?: BatchStatus;
    approvalsNeeded?: number;
    scheduledAt?: Date | null;
    approvalExpiresAt?: Date | null;
    firstName?: string;
    overrides?: Partial<Batch>;
  },
): Promise<Batch> {
  await ensureMaya(db);
  const amounts = input.amounts ?? ["250.00"];
  const now = new Date();
  const [batch] = await db
    .insert(batches)
    .values({
      status: input.status ?? "pending_approval",
      methodName: MAYA.name,
      currency: "PHP",
      description: "Payroll for testing",
      scheduledAt: input.scheduledAt ?? null,
      createdBy: input.makerId,
      totalAmount: sumAmounts(amounts),
      transactionCount: amounts.length,
      approvalsNeeded: input.approvalsNeeded ?? 1,
      submittedForApprovalAt: now,
      approvalExpiresAt: input.approvalExpiresAt === undefined ? new Date(now.getTime() + 7 * 86_400_000) : input.approvalExpiresAt,
      ...input.overrides,
    })
    .returning();
  await db.insert(transactions).values(
    amounts.map((amount, index) => ({
      batchId: batch!.id,
      position: index,
      firstName: input.firstName ?? `Juan${index + 1}`,
      lastName: "Dela Cruz",
      email: `juan${index + 1}@example.org`,
      amount,
      params: { account_number: `12345678${index}`, account_name: "Juan Dela Cruz", bank_code: "601" },
    })),
  );
  return batch!;
}

/** Audit rows of one batch with this action, oldest first. */
export async function auditRows(db: Db, batchId: string, action?: string) {
  const rows = await db.select().from(auditLog).where(sql`${auditLog.batchId} = ${batchId}`).orderBy(auditLog.id);
  return action ? rows.filter((row) => row.action === action) : rows;
}
