import { describe, expect, it } from "vitest";
import type { MethodForForm } from "./schemas";
import { mayaMethod } from "./test-methods";
import {
  buildBatchHeaderSchema,
  buildTransactionListSchema,
  buildTransactionSchema,
  MAX_TRANSACTIONS_PER_BATCH,
  TRANSACTION_FIXED_FIELDS,
  transactionColumns,
  type TransactionInput,
} from "./transaction-schema";

const NBSP = "\u00a0";

// Maya plus an optional field and a second bank, to exercise both.
const maya: MethodForForm = {
  ...mayaMethod,
  fields: [...mayaMethod.fields, { key: "remarks", type: "string", required: false, label: "Remarks" }],
  banks: [...mayaMethod.banks, { code: "601", name: "MAYA" }],
};

const vnd: MethodForForm = {
  name: "vn_bank_vnd",
  label: "VND Bank",
  currency: "VND",
  country: "VN",
  minAmount: null,
  maxAmount: null,
  fields: [{ key: "account_number", type: "string", required: true, label: "Bank Account Number" }],
  banks: [],
};

function row(overrides: Partial<TransactionInput> = {}): TransactionInput {
  return {
    first_name: "John",
    last_name: "Scarlet",
    email: "john@example.org",
    amount: "1000.50",
    external_id: "",
    params: { account_number: "123456789", account_name: "John Scarlet", bank_code: "600", remarks: "" },
    ...overrides,
  };
}

function rowWithout(key: keyof TransactionInput): Record<string, unknown> {
  const copy: Record<string, unknown> = row();
  delete copy[key];
  return copy;
}

/** The issues of a failed parse as { "dotted.path": message }; a field's messages joined by " | ". */
function issuesByPath(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Record<string, string> {
  const byPath: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path.join(".");
    byPath[path] = byPath[path] === undefined ? issue.message : `${byPath[path]} | ${issue.message}`;
  }
  return byPath;
}

function errorsOf(method: MethodForForm, input: unknown): Record<string, string> {
  const result = buildTransactionSchema(method).safeParse(input);
  return result.success ? {} : issuesByPath(result.error.issues);
}

describe("buildTransactionSchema", () => {
  it("accepts a valid row and normalizes it", () => {
    const result = buildTransactionSchema(maya).safeParse(
      row({ first_name: " John ", amount: " 1000.5 ", email: " john@example.org " }),
    );
    expect(result).toEqual({
      success: true,
      data: {
        first_name: "John",
        last_name: "Scarlet",
        email: "john@example.org",
        amount: "1000.50",
        external_id: undefined,
        params: { account_number: "123456789", account_name: "John Scarlet", bank_code: "600" },
      },
    });
  });

  describe("names", () => {
    it("accepts letters, digits and inner spaces", () => {
      expect(errorsOf(maya, row({ first_name: "Mary Ann 2", last_name: "Lee" }))).toEqual({});
    });

    it("rejects punctuation and accented letters in a name", () => {
      for (const name of ["O'Brien", "Mary-Jane", "José", "J.", "a\tb"]) {
        expect(errorsOf(maya, row({ first_name: name })), name).toEqual({
          first_name: "Letters, digits and inner spaces only",
        });
      }
    });

    it("requires the first and last name", () => {
      expect(errorsOf(maya, row({ first_name: "", last_name: "   " }))).toEqual({
        first_name: "Required",
        last_name: "Required",
      });
    });

    it("reports a missing name key as Required", () => {
      expect(errorsOf(maya, rowWithout("first_name"))).toEqual({ first_name: "Required" });
    });

    it("rejects a name over 100 characters", () => {
      expect(errorsOf(maya, row({ last_name: "a".repeat(101) }))).toEqual({ last_name: "At most 100 characters" });
    });

    it("rejects a value that is not text", () => {
      expect(errorsOf(maya, { ...row(), first_name: 5 })).toEqual({ first_name: "Must be text" });
    });
  });

  describe("email", () => {
    it("requires an email", () => {
      expect(errorsOf(maya, row({ email: "" }))).toEqual({ email: "Required" });
    });

    it("rejects an invalid email", () => {
      for (const email of ["john", "john@", "john@example", "john smith@example.org"]) {
        expect(errorsOf(maya, row({ email })), email).toEqual({ email: "Enter a valid email" });
      }
    });
  });

  describe("amount", () => {
    it("accepts the minimum and the maximum themselves", () => {
      expect(errorsOf(maya, row({ amount: "200" }))).toEqual({});
      expect(errorsOf(maya, row({ amount: "50000.00" }))).toEqual({});
    });

    it("rejects an amount below the method's minimum", () => {
      expect(errorsOf(maya, row({ amount: "199.99" }))).toEqual({ amount: `At least PHP${NBSP}200.00` });
    });

    it("rejects an amount above the method's maximum", () => {
      expect(errorsOf(maya, row({ amount: "50000.01" }))).toEqual({ amount: `At most PHP${NBSP}50,000.00` });
    });

    it("rejects a third decimal for PHP", () => {
      expect(errorsOf(maya, row({ amount: "300.125" }))).toEqual({ amount: "PHP allows at most 2 decimals" });
    });

    it("rejects decimals for VND and keeps whole VND amounts whole", () => {
      const input = { ...row({ amount: "1500000.5" }), params: { account_number: "1" } };
      expect(errorsOf(vnd, input)).toEqual({ amount: "VND allows no decimals" });
      const result = buildTransactionSchema(vnd).safeParse({ ...input, amount: "1500000" });
      expect(result.success && result.data.amount).toBe("1500000");
    });

    it("has no limits when the method gives none", () => {
      expect(errorsOf(vnd, { ...row({ amount: "1" }), params: { account_number: "1" } })).toEqual({});
    });

    it("passes on the parser's message for text that is not an amount", () => {
      expect(errorsOf(maya, row({ amount: "" }))).toEqual({ amount: "Enter an amount" });
      expect(errorsOf(maya, row({ amount: "1,000" }))).toEqual({
        amount: "Remove the thousands separators (write 1000.50)",
      });
      expect(errorsOf(maya, row({ amount: "-300" }))).toEqual({ amount: "Amount must be more than 0" });
      expect(errorsOf(maya, row({ amount: "3e2" }))).toMatchObject({ amount: expect.stringContaining("exponent") });
    });

    it("reports a missing amount as Required", () => {
      expect(errorsOf(maya, rowWithout("amount"))).toEqual({ amount: "Required" });
    });
  });

  describe("external id", () => {
    it("treats an empty or missing external id as absent", () => {
      const result = buildTransactionSchema(maya).safeParse(rowWithout("external_id"));
      expect(result.success && result.data.external_id).toBeUndefined();
    });

    it("keeps a given external id, trimmed", () => {
      const result = buildTransactionSchema(maya).safeParse(row({ external_id: " inv-42 " }));
      expect(result.success && result.data.external_id).toBe("inv-42");
    });

    it("rejects an external id over 64 characters", () => {
      expect(errorsOf(maya, row({ external_id: "x".repeat(65) }))).toEqual({ external_id: "At most 64 characters" });
      expect(errorsOf(maya, row({ external_id: "x".repeat(64) }))).toEqual({});
    });
  });

  describe("params", () => {
    it("requires each mandatory param, naming it in the path", () => {
      expect(errorsOf(maya, row({ params: { account_number: " ", bank_code: "600" } }))).toEqual({
        "params.account_number": "Required",
        "params.account_name": "Required",
      });
    });

    it("accepts an optional param that is missing or empty and drops it", () => {
      const result = buildTransactionSchema(maya).safeParse(
        row({ params: { account_number: "1", account_name: "A", bank_code: "601" } }),
      );
      expect(result.success && result.data.params).toEqual({ account_number: "1", account_name: "A", bank_code: "601" });
    });

    it("keeps a filled optional param, trimmed", () => {
      const result = buildTransactionSchema(maya).safeParse(
        row({ params: { account_number: "1", account_name: "A", bank_code: "601", remarks: " May payroll " } }),
      );
      expect(result.success && result.data.params.remarks).toBe("May payroll");
    });

    it("rejects a bank code that is not in the method's list", () => {
      expect(errorsOf(maya, row({ params: { account_number: "1", account_name: "A", bank_code: "999" } }))).toEqual({
        "params.bank_code": "Choose a bank from the list",
      });
    });

    it("requires a bank code, saying Required rather than choose from the list", () => {
      expect(errorsOf(maya, row({ params: { account_number: "1", account_name: "A", bank_code: "" } }))).toEqual({
        "params.bank_code": "Required",
      });
    });

    it("rejects a param the method does not have, alongside other problems", () => {
      expect(
        errorsOf(maya, row({ params: { account_number: "1", bank_code: "600", iban: "DE00" } })),
      ).toEqual({ "params.account_name": "Required", "params.iban": "Not a field of this method" });
    });

    it("rejects a param over 255 characters", () => {
      expect(
        errorsOf(maya, row({ params: { account_number: "1".repeat(256), account_name: "A", bank_code: "600" } })),
      ).toEqual({ "params.account_number": "At most 255 characters" });
    });

    it("rejects params that are not an object", () => {
      expect(errorsOf(maya, { ...row(), params: "account_number=1" })).toHaveProperty("params");
    });
  });

  it("lists every problem of a row at once", () => {
    expect(
      Object.keys(errorsOf(maya, { first_name: "", last_name: "a-b", email: "x", amount: "1", params: {} })),
    ).toEqual([
      "first_name",
      "last_name",
      "email",
      "amount",
      "params.account_number",
      "params.account_name",
      "params.bank_code",
    ]);
  });
});

describe("buildTransactionListSchema", () => {
  it("requires at least one transaction", () => {
    const result = buildTransactionListSchema(maya).safeParse([]);
    expect(result.error?.issues[0]?.message).toBe("Add at least one transaction");
  });

  it("refuses more than 10,000 transactions", () => {
    const rows = Array.from({ length: MAX_TRANSACTIONS_PER_BATCH + 1 }, () => row());
    const result = buildTransactionListSchema(maya).safeParse(rows);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["At most 10,000 transactions per batch"]);
  });

  it("names the row of a bad transaction in the path", () => {
    const result = buildTransactionListSchema(maya).safeParse([row(), row({ email: "" })]);
    expect(result.error?.issues[0]?.path).toEqual([1, "email"]);
  });
});

describe("transactionColumns", () => {
  it("lists the fixed fields, then the method's params in spec order", () => {
    expect(transactionColumns(maya)).toEqual([
      { path: "first_name", label: "First name", csvHeader: "first_name", required: true },
      { path: "last_name", label: "Last name", csvHeader: "last_name", required: true },
      { path: "email", label: "Email", csvHeader: "email", required: true },
      { path: "amount", label: "Amount", csvHeader: "amount", required: true },
      { path: "external_id", label: "External id", csvHeader: "external_id", required: false },
      { path: "params.account_number", label: "Bank Account Number", csvHeader: "account_number", required: true },
      { path: "params.account_name", label: "Account Holder Name", csvHeader: "account_name", required: true },
      { path: "params.bank_code", label: "Bank Code", csvHeader: "bank_code", required: true },
      { path: "params.remarks", label: "Remarks", csvHeader: "remarks", required: false },
    ]);
  });

  it("uses the same paths as the schema's error paths", () => {
    const paths = new Set(transactionColumns(maya).map((column) => column.path));
    for (const path of Object.keys(errorsOf(maya, { params: {} }))) expect(paths).toContain(path);
  });

  it("starts from TRANSACTION_FIXED_FIELDS", () => {
    expect(TRANSACTION_FIXED_FIELDS.map((field) => field.label)).toEqual([
      "First name",
      "Last name",
      "Email",
      "Amount",
      "External id",
    ]);
  });
});

describe("buildBatchHeaderSchema", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  const schema = buildBatchHeaderSchema(() => now);
  const header = { methodName: "ph_bank_maya_php", description: "May payroll" };

  function headerErrors(input: unknown): Record<string, string> {
    const result = schema.safeParse(input);
    return result.success ? {} : issuesByPath(result.error.issues);
  }

  it("accepts a header without a schedule and trims the description", () => {
    expect(schema.parse({ ...header, description: "  May payroll  ", scheduledAt: "" })).toEqual({
      methodName: "ph_bank_maya_php",
      description: "May payroll",
      scheduledAt: undefined,
    });
  });

  it("requires a method", () => {
    expect(headerErrors({ ...header, methodName: "" })).toEqual({ methodName: "Choose a payout method" });
  });

  it("requires 5 to 90 characters of description after trimming", () => {
    expect(headerErrors({ ...header, description: "  abcd  " })).toEqual({ description: "At least 5 characters" });
    expect(headerErrors({ ...header, description: "x".repeat(91) })).toEqual({ description: "At most 90 characters" });
    expect(headerErrors({ ...header, description: "x".repeat(90) })).toEqual({});
  });

  it("accepts a future UTC time and normalizes it", () => {
    expect(schema.parse({ ...header, scheduledAt: "2030-01-01T00:00:01Z" }).scheduledAt).toBe(
      "2030-01-01T00:00:01.000Z",
    );
  });

  it("rejects a time that is now or past", () => {
    for (const scheduledAt of ["2030-01-01T00:00:00Z", "2029-12-31T23:59:59Z"]) {
      expect(headerErrors({ ...header, scheduledAt })).toEqual({ scheduledAt: "Pick a time in the future" });
    }
  });

  it("reads the clock at validation time", () => {
    let clock = new Date("2030-01-01T00:00:00Z");
    const moving = buildBatchHeaderSchema(() => clock);
    const input = { ...header, scheduledAt: "2030-01-01T01:00:00Z" };
    expect(moving.safeParse(input).success).toBe(true);
    clock = new Date("2030-01-01T02:00:00Z");
    expect(moving.safeParse(input).success).toBe(false);
  });

  it("rejects a time that is not UTC ISO 8601", () => {
    for (const scheduledAt of ["2030-06-01 09:00", "2030-06-01T09:00:00", "2030-06-01T09:00:00+08:00", "tomorrow"]) {
      expect(headerErrors({ ...header, scheduledAt }), scheduledAt).toEqual({
        scheduledAt: "Use a UTC time like 2030-01-31T09:00:00Z",
      });
    }
  });
});
