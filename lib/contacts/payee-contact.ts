import { eq } from "drizzle-orm";
import { auditActor } from "../approvals/audit-actor";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { helloCleverContacts, payees } from "../db/schema";
import { DomainError } from "../errors";
import { ContactsError, type Contact, type ContactsClient } from "../hello-clever/contacts";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";

async function store(ctx: ServiceContext, contact: Contact, createdBy: string | null): Promise<void> {
  const values = { email: contact.email, providerId: contact.id, kycStatus: contact.kycStatus, raw: contact.raw, syncedAt: ctx.now() };
  await ctx.db
    .insert(helloCleverContacts)
    .values({ ...values, createdBy })
    .onConflictDoUpdate({ target: helloCleverContacts.email, set: values });
}

function providerRefusal(error: unknown): never {
  if (error instanceof ContactsError) throw new DomainError(error.httpStatus === null ? "unavailable" : "invalid", `Hello Clever: ${error.message}`, { field: error.field ?? "email" });
  throw error;
}

/**
 * "Create contact" on a payee's page (makers): the Hello Clever contact with the payee's email, so
 * a `require_contact` method can pay them. An existing contact is read and recorded instead.
 */
export async function createPayeeContact(ctx: ServiceContext, client: ContactsClient, input: { payeeId: string }): Promise<{ email: string; kycStatus: string | null }> {
  enforce(hasPermission(ctx.actor, "payees.edit"));
  const [payee] = await ctx.db.select().from(payees).where(eq(payees.id, input.payeeId));
  if (!payee) throw new DomainError("not_found", "This payee does not exist");
  const existing = await client.getContact(payee.email).catch(providerRefusal);
  const contact = existing ?? (await client.createContact({ email: payee.email, name: payee.name }).catch(providerRefusal));
  const stored = { ...contact, email: contact.email || payee.email };
  await store(ctx, stored, ctx.actor.id);
  await recordAudit(ctx.db, {
    actor: auditActor(ctx),
    action: existing ? "contact.link" : "contact.create",
    entityType: "payee",
    entityId: payee.id,
    after: { email: stored.email, providerId: stored.id, kycStatus: stored.kycStatus },
    requestId: ctx.requestId,
  });
  return { email: stored.email, kycStatus: stored.kycStatus };
}

/** "Refresh status": re-reads the contact (and its KYC status) by email from Hello Clever. */
export async function refreshPayeeContact(ctx: ServiceContext, client: ContactsClient, input: { payeeId: string }): Promise<{ email: string; kycStatus: string | null; exists: boolean }> {
  enforce(hasPermission(ctx.actor, "payees.view"));
  const [payee] = await ctx.db.select().from(payees).where(eq(payees.id, input.payeeId));
  if (!payee) throw new DomainError("not_found", "This payee does not exist");
  const contact = await client.getContact(payee.email).catch(providerRefusal);
  if (!contact) {
    await ctx.db.delete(helloCleverContacts).where(eq(helloCleverContacts.email, payee.email));
    return { email: payee.email, kycStatus: null, exists: false };
  }
  await store(ctx, { ...contact, email: contact.email || payee.email }, null);
  return { email: payee.email, kycStatus: contact.kycStatus, exists: true };
}
