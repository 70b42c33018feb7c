import type { Role } from "../../lib/auth/roles";
import type { Db } from "../../lib/db";
import { payoutMethods, users, type NewPayoutMethod } from "../../lib/db/schema";
import type { TransactionInput } from "../../lib/methods/transaction-schema";

/** A stored PHP method shaped like the simulator's Maya (2 decimals, 200..50,000, a bank list). */
export const MAYA: NewPayoutMethod = {
  name: "ph_bank_maya_php",
  currency: "PHP",
  country: "PH",
  label: "MAYA",
  rawParams: { account_number: "string:Mandatory Bank Account Number", account_name: "string:Mandatory Account Holder Name", bank_code: "string:Mandatory Bank Code" },
  fields: [
    { key: "account_number", type: "string", required: true, label: "Bank Account Number" },
    { key: "account_name", type: "string", required: true, label: "Account Holder Name" },
    { key: "bank_code", type: "string", required: true, label: "Bank Code" },
  ],
  banks: [
    { code: "600", name: "GCASH", shortName: null },
    { code: "601", name: "MAYA", shortName: null },
  ],
  minAmount: "200",
  maxAmount: "50000",
};

/** A stored VND method (no decimals). */
export const VND_BANK: NewPayoutMethod = {
  name: "vn_bank_vnd",
  currency: "VND",
  country: "VN",
  label: "VND Bank Transfer",
  rawParams: { account_number: "string:Mandatory Bank Account Number" },
  fields: [{ key: "account_number", type: "string", required: true, label: "Bank Account Number" }],
  banks: [],
  minAmount: "10000",
  maxAmount: "300000000",
};

export async function insertMethods(db: Db, ...methods: NewPayoutMethod[]): Promise<void> {
  await db.insert(payoutMethods).values(methods);
}

let userCounter = 0;
/** A user with a throwaway password hash (these tests never sign in). */
export async function insertUser(db: Db, roles: Role[], name = `User ${++userCounter}`) {
  const [user] = await db
    .insert(users)
    .values({ email: `${name.toLowerCase().replace(/\W+/g, ".")}.${userCounter}@test.example`, name, passwordHash: "x", roles })
    .returning();
  if (!user) throw new Error("no user inserted");
  return { id: user.id, label: user.email, roles };
}

/** A valid Maya transaction; `n` varies the name and amount. */
export function mayaRow(n = 1, overrides: Partial<TransactionInput> = {}): TransactionInput {
  return {
    first_name: `Juan${n}`,
    last_name: "Dela Cruz",
    email: `juan${n}@example.org`,
    amount: `${200 + (n % 1000)}.50`,
    external_id: `ref-${n}`,
    params: { account_number: `00012345${n}`, account_name: "Juan Dela Cruz", bank_code: "601" },
    ...overrides,
  };
}
