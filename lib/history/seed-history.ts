import { randomBytes, randomUUID } from "node:crypto";
import type { Sql } from "../db";
import type { BatchStatus } from "../db/schema";

// Demo and benchmark data only: realistic shapes (skewed methods and batch sizes, a year of
// dates, failures with the provider's reasons), written with COPY so a million rows take
// seconds, not the hours row-by-row inserts would.

type SeedMethod = { name: string; currency: string; country: string; label: string; weight: number; decimals: number; min: number; max: number };

// Weighted like a real book: most volume on a few Philippine and Malaysian rails, a long tail
// of rare methods (so the benchmark also measures filters that select 0.5% of rows).
const METHODS: SeedMethod[] = [
  { name: "ph_bank_maya_php", currency: "PHP", country: "PH", label: "PHP Bank Maya", weight: 22, decimals: 2, min: 200, max: 50000 },
  { name: "ph_ewallet_gcash_php", currency: "PHP", country: "PH", label: "PHP EWallet GCash", weight: 20, decimals: 2, min: 100, max: 20000 },
  { name: "my_bank_duitnow_myr", currency: "MYR", country: "MY", label: "MYR Bank Duitnow", weight: 14, decimals: 2, min: 10, max: 5000 },
  { name: "id_bank_idr", currency: "IDR", country: "ID", label: "IDR Bank", weight: 12, decimals: 2, min: 50000, max: 25000000 },
  { name: "vn_bank_vnd", currency: "VND", country: "VN", label: "VND Bank Transfer", weight: 10, decimals: 0, min: 100000, max: 50000000 },
  { name: "ca_interac_cad", currency: "CAD", country: "CA", label: "Interac CAD", weight: 8, decimals: 2, min: 5, max: 3000 },
  { name: "br_pix_brl", currency: "BRL", country: "BR", label: "BRL PIX", weight: 7, decimals: 2, min: 5, max: 10000 },
  { name: "jp_bank_jpy", currency: "JPY", country: "JP", label: "JPY Bank Transfer", weight: 4, decimals: 0, min: 1000, max: 500000 },
  { name: "kr_bank_krw", currency: "KRW", country: "KR", label: "KRW Bank Transfer", weight: 2, decimals: 0, min: 10000, max: 5000000 },
  { name: "usdc_bank", currency: "USDC", country: "US", label: "USDC Bank", weight: 1, decimals: 2, min: 10, max: 20000 },
];

const MAKERS = [
  ["Priya Shah", "priya.shah"], ["Marco Reyes", "marco.reyes"], ["Siti Rahman", "siti.rahman"], ["Daniel Tran", "daniel.tran"],
  ["Hannah Kim", "hannah.kim"], ["Lucas Almeida", "lucas.almeida"], ["Grace Okafor", "grace.okafor"], ["Tom Becker", "tom.becker"],
] as const;
const APPROVERS = [["Nadia Petrova", "nadia.petrova"], ["Kenji Watanabe", "kenji.watanabe"], ["Aisha Bello", "aisha.bello"], ["Oliver Grant", "oliver.grant"]] as const;
const SEED_EMAIL_DOMAIN = "seed.payout-desk.test";

const FIRST_NAMES = ["Maria", "Jose", "Juan", "Ana", "Mark", "Angelica", "Budi", "Siti", "Dewi", "Agus", "Nguyen", "Linh", "Minh", "Thao", "Ahmad", "Nurul", "Wei", "Mei", "Raj", "Kavya", "Yuki", "Haruto", "Sakura", "Emma", "Liam", "Olivia", "Noah", "Gabriel", "Beatriz", "Rafael", "Camila", "Min-jun", "Seo-yeon", "Chinedu", "Amara", "Kwame", "Fatima", "Omar", "Isabel", "Paolo"];
const LAST_NAMES = ["Santos", "Reyes", "Cruz", "Garcia", "Mendoza", "Wijaya", "Santoso", "Pratama", "Nguyen", "Tran", "Le", "Pham", "Abdullah", "Tan", "Lim", "Wong", "Sato", "Suzuki", "Tanaka", "Smith", "Brown", "Tremblay", "Roy", "Silva", "Souza", "Oliveira", "Kim", "Park", "Okafor", "Mensah", "Haddad", "Rossi", "Fernandes", "Lopez", "Dela Cruz"];
const FAILURES = ["Beneficiary account does not exist", "Compliance block", "Network issue at the receiving bank", "Beneficiary account closed"];
const DESCRIPTIONS = ["Weekly driver payouts", "Seller settlements", "Affiliate commissions", "Refunds", "Contractor invoices", "Monthly payroll top-up", "Cashback rewards", "Marketplace payouts"];

const DAY_MS = 86_400_000;
// Unusable on purpose: verifyPassword fails on a malformed hash, so seeded people cannot sign in.
const UNUSABLE_PASSWORD_HASH = "!seeded-history-user";

export type SeedHistoryOptions = {
  transactions: number;
  now?: Date;
  /** Same seed, same data (names, amounts, statuses; ids and timestamps are shifted by `now`). */
  seed?: number;
  onProgress?: (written: number) => void;
};
export type SeedHistoryResult = { batches: number; transactions: number; approvals: number };

/** Writes a year of realistic batches, transactions and approvals into a migrated database with COPY. */
export async function seedHistory(sql: Sql, options: SeedHistoryOptions): Promise<SeedHistoryResult> {
  const random = mulberry32(options.seed ?? 42);
  const now = (options.now ?? new Date()).getTime();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const totalWeight = METHODS.reduce((sum, method) => sum + method.weight, 0);
  const pickMethod = (): SeedMethod => {
    let roll = random() * totalWeight;
    for (const method of METHODS) if ((roll -= method.weight) < 0) return method;
    return METHODS[0]!;
  };

  await sql`
    insert into payout_methods ${sql(METHODS.map((m) => ({ name: m.name, currency: m.currency, country: m.country, label: m.label, min_amount: String(m.min), max_amount: String(m.max) })))}
    on conflict (name) do nothing`;
  const people = [...MAKERS.map(([name, local]) => ({ name, email: `${local}@${SEED_EMAIL_DOMAIN}`, roles: "{operator}" })), ...APPROVERS.map(([name, local]) => ({ name, email: `${local}@${SEED_EMAIL_DOMAIN}`, roles: "{approver}" }))];
  await sql`
    insert into users ${sql(people.map((p) => ({ ...p, password_hash: UNUSABLE_PASSWORD_HASH })))}
    on conflict (email) do nothing`;
  const ids = new Map((await sql<{ id: string; email: string }[]>`select id, email from users where email like ${`%@${SEED_EMAIL_DOMAIN}`}`).map((row) => [row.email, row.id]));
  const makerIds = MAKERS.map(([, local]) => ids.get(`${local}@${SEED_EMAIL_DOMAIN}`)!);
  const approverIds = APPROVERS.map(([, local]) => ids.get(`${local}@${SEED_EMAIL_DOMAIN}`)!);

  // Chunks of ~20,000 transactions: each chunk's batches are copied (and committed) before its
  // transactions, whose foreign key and trigger need to see them.
  const chunk = { batches: [] as string[], transactions: [] as string[], approvals: [] as string[] };
  const flush = async () => {
    await copyLines(sql, "batches (id, status, method_name, currency, description, created_by, total_amount, transaction_count, failed_count, approvals_needed, rejection_reason, provider_uuid, provider_status, submitted_at, submitted_for_approval_at, created_at, updated_at)", chunk.batches.splice(0));
    await copyLines(sql, "transactions (batch_id, position, first_name, last_name, email, amount, external_id, params, provider_uuid, provider_status, failure_reason, created_at, updated_at)", chunk.transactions.splice(0));
    await copyLines(sql, "approvals (batch_id, approver_id, batch_version, created_at)", chunk.approvals.splice(0));
  };
  let written = 0;
  let batchCount = 0;
  let approvalCount = 0;
  while (written < options.transactions) {
    const size = Math.min(options.transactions - written, batchSize(random));
    const method = pickMethod();
    const makerId = pick(makerIds);
    const createdAt = now - Math.floor(random() ** 0.8 * 365 * DAY_MS);
    const status = batchStatusFor(now - createdAt, random);
    const batchId = randomUUID();
    const submitted = status === "completed" || status === "expired";
    const providerUuid = submitted ? providerId() : null;
    const created = new Date(createdAt).toISOString();
    const updated = new Date(Math.min(now, createdAt + Math.floor(random() * 3 * DAY_MS))).toISOString();
    let total = 0n; // minor units: exact, converted back to a decimal string below
    let failed = 0;
    for (let position = 0; position < size; position++) {
      const firstName = pick(FIRST_NAMES);
      const lastName = pick(LAST_NAMES);
      const minor = amountMinor(method, random);
      total += minor;
      const txStatus = transactionStatusFor(status, random);
      const failure = txStatus === "failed" ? (status === "expired" ? "Payout expired" : pick(FAILURES)) : null;
      if (failure) failed++;
      chunk.transactions.push(
        copyLine([
          batchId, String(position), firstName, lastName,
          `${firstName}.${lastName}${Math.floor(random() * 1000)}@example.com`.toLowerCase().replaceAll(" ", ""),
          toDecimal(minor, method.decimals),
          random() < 0.6 ? `INV-${new Date(createdAt).getUTCFullYear()}-${String(Math.floor(random() * 1_000_000)).padStart(6, "0")}` : null,
          JSON.stringify({ account_number: String(Math.floor(random() * 1e10)).padStart(10, "0"), account_name: `${firstName} ${lastName}` }),
          providerUuid ? providerId() : null,
          txStatus, failure, created, updated,
        ]),
      );
    }
    const approvalsNeeded = total > 10_000n * 10n ** BigInt(method.decimals) ? 2 : 1;
    chunk.batches.push(
      copyLine([
        batchId, status, method.name, method.currency, pick(DESCRIPTIONS), makerId, toDecimal(total, method.decimals), String(size), String(failed),
        String(approvalsNeeded), status === "rejected" ? "Amounts do not match the invoice run" : null, providerUuid,
        providerUuid ? status : null, submitted ? updated : null, status === "draft" ? null : created, created, updated,
      ]),
    );
    if (status === "completed" || status === "expired") {
      const approvers = [...approverIds].sort(() => random() - 0.5).slice(0, approvalsNeeded);
      for (const approverId of approvers) chunk.approvals.push(copyLine([batchId, approverId, "1", updated]));
      approvalCount += approvers.length;
    }
    batchCount++;
    written += size;
    if (chunk.transactions.length >= 20_000 || written >= options.transactions) {
      await flush();
      options.onProgress?.(written);
    }
  }
  return { batches: batchCount, transactions: written, approvals: approvalCount };
}

/** One COPY ... FROM STDIN of prepared text-format lines (one statement, so one commit). */
async function copyLines(sql: Sql, target: string, lines: string[]): Promise<void> {
  if (lines.length === 0) return;
  const connection = await sql.reserve();
  try {
    const [{ pid }] = (await connection`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
    const stream = await connection.unsafe(`copy ${target} from stdin`).writable();
    const finished = new Promise<"finished">((resolve, reject) => {
      stream.once("error", reject);
      stream.once("finish", () => resolve("finished"));
    });
    stream.end(lines.join(""));
    // postgres.js 3.4 drops an error raised by COPY FROM: the stream then never finishes. A
    // backend that went idle without our stream finishing therefore refused the data.
    let settled = false;
    const refused = (async () => {
      while (!settled) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const [row] = await sql<{ state: string }[]>`select state from pg_stat_activity where pid = ${pid}`;
        if (row?.state !== "idle") continue;
        await new Promise((resolve) => setTimeout(resolve, 250)); // let a success that raced the probe land
        if (!settled) return "refused" as const;
      }
      return "finished" as const;
    })();
    const outcome = await Promise.race([finished, refused]);
    settled = true;
    if (outcome === "refused") throw new Error(`PostgreSQL refused the COPY into ${target.split(" ")[0]} (the server log has the reason)`);
  } finally {
    connection.release();
  }
}

// COPY text format: tab-separated, \N for null, backslash escapes for the separators.
function copyLine(values: (string | null)[]): string {
  return `${values.map((value) => (value === null ? "\\N" : value.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!))).join("\t")}\n`;
}

function batchSize(random: () => number): number {
  const roll = random();
  if (roll < 0.65) return 1 + Math.floor(random() * 40);
  if (roll < 0.97) return 40 + Math.floor(random() * 400);
  return 500 + Math.floor(random() * 4500);
}

// Only statuses no background job acts on: a seeded "approved" batch would really be submitted,
// and a seeded "processing" one reconciled against a payout Hello Clever has never seen.
function batchStatusFor(ageMs: number, random: () => number): BatchStatus {
  const roll = random();
  if (ageMs > 14 * DAY_MS) {
    if (roll < 0.88) return "completed";
    if (roll < 0.91) return "expired";
    if (roll < 0.95) return "rejected";
    if (roll < 0.99) return "cancelled";
    return "approval_expired";
  }
  const recent: BatchStatus[] = ["draft", "pending_approval", "completed", "completed", "completed", "completed", "rejected", "cancelled"];
  return recent[Math.floor(roll * recent.length)]!;
}

function transactionStatusFor(batchStatus: BatchStatus, random: () => number): string | null {
  if (batchStatus === "completed") return random() < 0.03 ? "failed" : "settled";
  if (batchStatus === "expired") return "failed";
  return null; // never sent
}

function amountMinor(method: SeedMethod, random: () => number): bigint {
  // Log-uniform between the method's bounds: many small payouts, a few large ones.
  const whole = Math.exp(Math.log(method.min) + random() * (Math.log(method.max) - Math.log(method.min)));
  const scale = 10 ** method.decimals;
  return BigInt(Math.round(whole * scale));
}

function toDecimal(minor: bigint, decimals: number): string {
  if (decimals === 0) return minor.toString();
  const digits = minor.toString().padStart(decimals + 1, "0");
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

// Not from the seeded generator: provider ids are unique in the database, and a second seed
// run with the same seed must not collide with the first.
function providerId(): string {
  return randomBytes(6).toString("base64url").toUpperCase().replace(/[^A-Z0-9]/g, "X");
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
