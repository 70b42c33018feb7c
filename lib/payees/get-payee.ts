import { and, desc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { batches, helloCleverContacts, payees, payoutMethods, transactions, users, type Payee } from "../db/schema";

export type PayeePayout = {
  transactionId: string;
  batchId: string;
  batchStatus: string;
  description: string;
  amount: string | null;
  currency: string;
  providerStatus: string | null;
  failureReason: string | null;
  createdAt: Date;
};

export type PayeeView = Payee & {
  methodLabel: string;
  currency: string;
  requireContact: boolean;
  requireKyc: boolean;
  methodFields: { key: string; label: string; required: boolean }[];
  makerName: string | null;
  pendingByName: string | null;
  approvedByName: string | null;
  contact: { providerId: string | null; kycStatus: string | null; syncedAt: Date } | null;
  payouts: PayeePayout[];
};

/** A payee with who made and approved it, its Hello Clever contact, and every payout to it across batches (newest first). */
export async function getPayee(ctx: ServiceContext, input: { payeeId: string; payoutLimit?: number }): Promise<PayeeView | null> {
  const { db } = ctx;
  const { payeeId, payoutLimit = 200 } = input;
  const [payee] = await db.select().from(payees).where(eq(payees.id, payeeId));
  if (!payee) return null;
  const [method] = await db.select().from(payoutMethods).where(eq(payoutMethods.name, payee.methodName));
  const names = async (id: string | null) => (id ? ((await db.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name ?? null) : null);
  const [contact] = await db.select().from(helloCleverContacts).where(eq(helloCleverContacts.email, payee.email));
  const payouts = await db
    .select({
      transactionId: transactions.id,
      batchId: batches.id,
      batchStatus: batches.status,
      description: batches.description,
      amount: transactions.amount,
      currency: batches.currency,
      providerStatus: transactions.providerStatus,
      failureReason: transactions.failureReason,
      createdAt: transactions.createdAt,
    })
    .from(transactions)
    .innerJoin(batches, eq(batches.id, transactions.batchId))
    .where(and(eq(transactions.methodName, payee.methodName), sql`lower(${transactions.email}) = ${payee.email}`))
    .orderBy(desc(transactions.createdAt), desc(transactions.id))
    .limit(payoutLimit);
  return {
    ...payee,
    methodLabel: method?.label ?? payee.methodName,
    currency: method?.currency ?? "",
    requireContact: method?.requireContact ?? false,
    requireKyc: method?.requireKyc ?? false,
    methodFields: method?.fields ?? [],
    makerName: await names(payee.createdBy),
    pendingByName: await names(payee.pendingBy),
    approvedByName: await names(payee.approvedBy),
    contact: contact ? { providerId: contact.providerId, kycStatus: contact.kycStatus, syncedAt: contact.syncedAt } : null,
    payouts,
  };
}
