import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { batchPayload, payloadHash } from "../approvals/payload-hash";
import { payeeRowColumns } from "../batches/transaction-records";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { batches, helloCleverContacts, payees, payoutMethods, riskFlags, riskSettings, transactions, type Payee } from "../db/schema";
import { DomainError } from "../errors";
import { compareAmounts } from "../money";
import { describeChanges } from "../payees/mask";
import type { RiskFlagDetails, StoredFlagCode } from "./flag-message";
import { RISK_FLAG_SEVERITY, SECOND_APPROVAL_ON_HIGH_FLAG } from "./flags";

/** Batches that sent (or are sending) money: a payee's history. */
export const SENT_STATUSES = ["submitting", "submitted", "processing", "scheduled", "completed"] as const;
/** Batches that count for "likely duplicate": everything not abandoned. */
const LIVE_STATUSES = ["pending_approval", "approved", "submitting", "submitted", "processing", "scheduled", "completed", "needs_attention"] as const;
const DUPLICATE_WINDOW_DAYS = 30;
const ABOVE_USUAL_FACTOR = 5;
const KYC_APPROVED = new Set(["approved", "verified"]);

/** RISK_RECENT_CHANGE_DAYS (validated at start by lib/env.ts), 30 by default. */
export function recentChangeDays(): number {
  const value = Number(process.env.RISK_RECENT_CHANGE_DAYS ?? 30);
  return Number.isInteger(value) && value > 0 ? value : 30;
}

/** A flag as assessed: its row (by position), its code and the facts its sentence needs beyond the row. */
type NewFlag = { position: number; code: StoredFlagCode; details: RiskFlagDetails | null };

const day = (date: Date) => date.toISOString().slice(0, 10);

/** What the risk step reads of a payee (10,000 of them, so not the whole row). */
const bookColumns = { id: payees.id, email: payees.email, status: payees.status, params: payees.params, detailsChangedAt: payees.detailsChangedAt };
type BookPayee = Pick<Payee, keyof typeof bookColumns>;

/** Payees of a method by lower-case email; those missing are added from the rows, waiting for approval. */
export async function matchOrCreatePayees(
  tx: Db,
  input: { methodName: string; makerId: string; rows: ReadonlyArray<{ firstName: string; lastName: string; email: string; params: Record<string, string> }>; now: Date },
): Promise<{ byEmail: Map<string, BookPayee>; created: BookPayee[] }> {
  const emails = [...new Set(input.rows.map((row) => row.email.trim().toLowerCase()))];
  // The emails travel as one JSON parameter (a batch holds up to 10,000), not one parameter each.
  const ofMethod = (list: string[]) => and(eq(payees.methodName, input.methodName), sql`${payees.email} in (select jsonb_array_elements_text(${JSON.stringify(list)}::jsonb))`);
  const found = emails.length ? await tx.select(bookColumns).from(payees).where(ofMethod(emails)) : [];
  const byEmail = new Map(found.map((payee) => [payee.email, payee]));
  const missing = new Map<string, (typeof input.rows)[number]>();
  for (const row of input.rows) {
    const email = row.email.trim().toLowerCase();
    if (!byEmail.has(email) && !missing.has(email)) missing.set(email, row);
  }
  let created: BookPayee[] = [];
  if (missing.size > 0) {
    const records = [...missing.entries()].map(([email, row]) => ({ name: `${row.firstName} ${row.lastName}`.trim(), email, params: row.params }));
    const inserted = (await tx.execute(sql`
      insert into payees (method_name, name, email, params, status, created_by, created_at, updated_at)
      select ${input.methodName}, r.name, r.email, r.params, 'pending_approval', ${input.makerId}::uuid, ${input.now.toISOString()}::timestamptz, ${input.now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r(name text, email text, params jsonb)
      on conflict do nothing
      returning email`)) as unknown as { email: string }[];
    created = inserted.length ? await tx.select(bookColumns).from(payees).where(ofMethod(inserted.map((row) => row.email))) : [];
  }
  for (const payee of created) byEmail.set(payee.email, payee);
  return { byEmail, created };
}

/**
 * Submit-for-approval's risk step (one call, inside its transaction): records the payload hash,
 * matches rows to the payee book (adding new payees, waiting for approval), refuses a method
 * needing a Hello Clever contact/KYC the payees lack, computes the risk flags with why each fired,
 * and applies the policy "a second approval when any high flag is present".
 */
export async function assessBatchForApproval(
  tx: Db,
  input: { batchId: string; actor: { id: string; label: string }; now: Date; requestId?: string | null },
): Promise<{ payloadHash: string; flags: number; high: number; approvalsNeeded: number }> {
  const [batch] = await tx.select().from(batches).where(eq(batches.id, input.batchId));
  if (!batch) throw new DomainError("not_found", "This batch does not exist");
  const [method] = await tx.select().from(payoutMethods).where(eq(payoutMethods.name, batch.methodName));
  const rows = await tx
    .select({ id: transactions.id, ...payeeRowColumns })
    .from(transactions)
    .where(eq(transactions.batchId, batch.id))
    .orderBy(asc(transactions.position));
  const hash = payloadHash(batchPayload(batch, rows));
  const emails = [...new Set(rows.map((row) => row.email.trim().toLowerCase()))];

  // Issue 12: a method that needs a contact (or an approved KYC) cannot go to approval without them.
  if (method && (method.requireContact || method.requireKyc) && emails.length > 0) {
    const contacts = await tx.select().from(helloCleverContacts).where(inArray(helloCleverContacts.email, emails));
    const known = new Map(contacts.map((contact) => [contact.email, contact]));
    const lacking = emails.filter((email) => {
      const contact = known.get(email);
      return !contact || (method.requireKyc && !KYC_APPROVED.has((contact.kycStatus ?? "").toLowerCase()));
    });
    if (lacking.length > 0) {
      const what = method.requireKyc ? "a Hello Clever contact with an approved KYC" : "a Hello Clever contact";
      throw new DomainError("invalid", `${method.label} needs ${what} for every payee; missing for ${lacking.slice(0, 5).join(", ")}${lacking.length > 5 ? ` and ${lacking.length - 5} more` : ""}. Create them from each payee's page.`, {
        field: "transactions",
        lacking,
      });
    }
  }

  const { byEmail, created } = await matchOrCreatePayees(tx, { methodName: batch.methodName, makerId: batch.createdBy, rows, now: input.now });
  if (created.length > 0) {
    await recordAudit(tx, {
      actor: { kind: "user", ...input.actor },
      action: "payee.create_from_batch",
      batchId: batch.id,
      entityType: "batch",
      entityId: batch.id,
      after: { payees: created.map((payee) => ({ id: payee.id, email: payee.email, status: payee.status })) },
      requestId: input.requestId ?? null,
    });
  }

  // Each payee's sent history on this method: count and median (numeric, never a float).
  const history = emails.length
    ? ((await tx.execute(sql`
        select lower(t.email) as email, count(*)::int as count,
          (percentile_disc(0.5) within group (order by t.amount))::text as median,
          (percentile_disc(0.5) within group (order by t.amount) * ${ABOVE_USUAL_FACTOR})::text as "limit"
        from transactions t join batches b on b.id = t.batch_id
        where t.method_name = ${batch.methodName} and t.batch_id <> ${batch.id}::uuid and lower(t.email) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
          and b.status::text in (select jsonb_array_elements_text(${JSON.stringify(SENT_STATUSES)}::jsonb))
        group by lower(t.email)`)) as unknown as { email: string; count: number; median: string; limit: string }[])
    : [];
  const historyBy = new Map(history.map((row) => [row.email, row]));

  // Same payee and amount in this method's live batches of the last 30 days: the latest such batch
  // for each pair (a payroll repeated weekly would otherwise send every earlier row back).
  const recent = emails.length
    ? ((await tx.execute(sql`
        select distinct on (lower(t.email), t.amount)
          lower(t.email) as email, t.amount::text as amount, b.id as "batchId", to_char(b.created_at at time zone 'UTC', 'YYYY-MM-DD') as day
        from transactions t join batches b on b.id = t.batch_id
        where t.method_name = ${batch.methodName} and t.batch_id <> ${batch.id}::uuid and t.amount is not null
          and lower(t.email) in (select jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))
          and b.created_at > ${new Date(input.now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000).toISOString()}::timestamptz
          and b.status::text in (select jsonb_array_elements_text(${JSON.stringify(LIVE_STATUSES)}::jsonb))
        order by lower(t.email), t.amount, b.created_at desc`)) as unknown as { email: string; amount: string; batchId: string; day: string }[])
    : [];
  const recentBy = new Map<string, { batchId: string; day: string }>();
  for (const row of recent) recentBy.set(`${row.email}|${row.amount}`, { batchId: row.batchId, day: row.day });

  const recentSince = new Date(input.now.getTime() - recentChangeDays() * 86_400_000);
  const flags: NewFlag[] = [];
  const createdIds = new Set(created.map((payee) => payee.id));
  const seen = new Map<string, number>(); // email|amount → first row number
  for (const row of rows) {
    const email = row.email.trim().toLowerCase();
    const payee = byEmail.get(email);
    const add = (code: StoredFlagCode, details: RiskFlagDetails | null = null) => flags.push({ position: row.position, code, details });
    if (payee && payee.status !== "active") add("payee_not_approved", createdIds.has(payee.id) ? { newPayee: true } : null);
    if (payee && payee.status === "active") {
      const changes = describeChanges(payee.params, row.params);
      if (changes) add("account_mismatch", { changes });
      if (payee.detailsChangedAt && payee.detailsChangedAt > recentSince) add("account_changed", { changedOn: day(payee.detailsChangedAt), withinDays: recentChangeDays() });
    }
    const past = historyBy.get(email);
    if (!past) add("first_payout");
    else if (row.amount && compareAmounts(row.amount, past.limit) > 0) add("above_usual", { median: past.median, earlier: past.count, factor: ABOVE_USUAL_FACTOR });
    if (row.amount) {
      const key = `${email}|${row.amount}`;
      const first = seen.get(key);
      if (first !== undefined) add("duplicate", { sameAsRow: first });
      else seen.set(key, row.position + 1);
      const earlier = recentBy.get(key);
      if (earlier) add("duplicate", { sameAsBatch: { id: earlier.batchId, day: earlier.day } });
    }
  }

  await tx.delete(riskFlags).where(eq(riskFlags.batchId, batch.id));
  await insertFlags(tx, batch, flags, input.now);
  const high = flags.filter((flag) => RISK_FLAG_SEVERITY[flag.code] === "high").length;
  const [policy] = await tx.select().from(riskSettings).where(eq(riskSettings.key, SECOND_APPROVAL_ON_HIGH_FLAG));
  const approvalsNeeded = high > 0 && policy?.value === "true" ? Math.max(batch.approvalsNeeded, 2) : batch.approvalsNeeded;
  await tx.update(batches).set({ payloadHash: hash, approvalsNeeded }).where(eq(batches.id, batch.id));
  const counts: Record<string, number> = {};
  for (const flag of flags) counts[flag.code] = (counts[flag.code] ?? 0) + 1;
  await recordAudit(tx, {
    actor: { kind: "user", ...input.actor },
    action: "batch.risk_assess",
    batchId: batch.id,
    after: { payloadHash: hash, flags: counts, approvalsNeeded },
    details: approvalsNeeded !== batch.approvalsNeeded ? { secondApprovalBecause: "high risk flag" } : null,
    requestId: input.requestId ?? null,
  });
  return { payloadHash: hash, flags: flags.length, high, approvalsNeeded };
}

/**
 * All of a batch's new flags in one statement (up to 30,000 on 10,000 rows). Three integer arrays
 * zipped by `unnest`: the row's position, and which code and which facts, pointing into two short
 * lists sent once (flags share few distinct ones: every repeat of one earlier batch names the same
 * batch). Passing 30,000 strings or JSON values costs the driver and Postgres about ten times as
 * much as 30,000 integers. Postgres finds each row's id and matched payee itself.
 */
async function insertFlags(tx: Db, batch: { id: string; methodName: string }, flags: NewFlag[], now: Date): Promise<void> {
  if (flags.length === 0) return;
  const codes = [...new Set(flags.map((flag) => flag.code))];
  const details = new Map<string, number>(); // JSON → 1-based index
  const detailRefs = flags.map((flag) => {
    if (!flag.details) return 0;
    const key = JSON.stringify(flag.details);
    const ref = details.get(key) ?? details.size + 1;
    details.set(key, ref);
    return ref;
  });
  await tx.execute(sql`
    insert into risk_flags (batch_id, transaction_id, payee_id, code, severity, details, created_at)
    select t.batch_id, t.id, p.id, f.code, ${JSON.stringify(RISK_FLAG_SEVERITY)}::jsonb ->> f.code,
      case when r.detail > 0 then ${`[${[...details.keys()].join(",")}]`}::jsonb -> (r.detail - 1) end, ${now.toISOString()}::timestamptz
    from unnest(
      ${sql.param(flags.map((flag) => flag.position))}::int[],
      ${sql.param(flags.map((flag) => codes.indexOf(flag.code) + 1))}::int[],
      ${sql.param(detailRefs)}::int[]
    ) as r(position, code, detail)
    cross join lateral (select (${sql.param(codes)}::text[])[r.code] as code) f
    join transactions t on t.batch_id = ${batch.id}::uuid and t.position = r.position
    left join payees p on p.method_name = ${batch.methodName} and p.email = lower(trim(t.email))`);
}
