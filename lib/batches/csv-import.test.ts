import { describe, expect, it } from "vitest";
import { mayaMethod as maya } from "@/lib/methods/test-methods";
import {
  applyColumnMapping,
  exactColumnMapping,
  importCsv,
  readCsv,
  suggestColumnMapping,
  validateRows,
  type CsvImportResult,
  type CsvTable,
} from "./csv-import";


const HEADER = "first_name,last_name,email,amount,external_id,account_number,account_name,bank_code";
const GOOD = "John,Scarlet,john@example.org,1000.50,inv-1,123456,John Scarlet,600";

function validated(result: CsvImportResult) {
  if (result.kind !== "validated") throw new Error(`expected validated, got ${JSON.stringify(result)}`);
  return result.result;
}

describe("readCsv", () => {
  it("strips a byte order mark from the first header", () => {
    const read = readCsv(`\uFEFF${HEADER}\n${GOOD}\n`);
    expect(read.ok && read.table.headers[0]).toBe("first_name");
  });

  it("keeps commas inside quoted values", () => {
    const read = readCsv(`name,amount\n"Scarlet, John",100\n`);
    expect(read.ok && read.table.records).toEqual([{ rowNumber: 2, cells: ["Scarlet, John", "100"] }]);
  });

  it("reads CRLF line endings", () => {
    const read = readCsv(`a,b\r\n1,2\r\n3,4\r\n`);
    expect(read.ok && read.table).toEqual({
      headers: ["a", "b"],
      records: [
        { rowNumber: 2, cells: ["1", "2"] },
        { rowNumber: 3, cells: ["3", "4"] },
      ],
    });
  });

  it("skips blank lines but keeps counting them in row numbers", () => {
    const read = readCsv(`a,b\n1,2\n\n , \n3,4\n\n`);
    expect(read.ok && read.table.records.map((record) => record.rowNumber)).toEqual([2, 5]);
  });

  it("reads semicolon-separated files, whose values may hold decimal commas", () => {
    const read = readCsv(`a;b\n1,5;2\n`);
    expect(read.ok && read.table.records[0]?.cells).toEqual(["1,5", "2"]);
  });

  it("reads tab-separated files", () => {
    const read = readCsv(`a\tb\n1\t2\n`);
    expect(read.ok && read.table.records[0]?.cells).toEqual(["1", "2"]);
  });

  it("reads a file with a single column", () => {
    const read = readCsv(`amount\n100\n`);
    expect(read.ok && read.table).toEqual({ headers: ["amount"], records: [{ rowNumber: 2, cells: ["100"] }] });
  });

  it("trims the headers", () => {
    const read = readCsv(` a , b \n1,2\n`);
    expect(read.ok && read.table.headers).toEqual(["a", "b"]);
  });

  it("rejects an empty file", () => {
    expect(readCsv("")).toEqual({ ok: false, message: "The file is empty or its first row is blank" });
    expect(readCsv("\uFEFF\n\n")).toEqual({ ok: false, message: "The file is empty or its first row is blank" });
  });

  it("rejects a file with a header and no transactions", () => {
    expect(readCsv(`${HEADER}\n\n`)).toEqual({ ok: false, message: "The file has a header but no transactions" });
  });

  it("rejects a quoted value that is never closed, naming the row", () => {
    expect(readCsv(`a,b\n1,2\n3,"open\n`)).toEqual({ ok: false, message: "Row 3: a quoted value is never closed" });
  });

  it("rejects a file with more than 10,000 transactions", () => {
    const text = [HEADER, ...Array.from({ length: 10_001 }, () => GOOD)].join("\n");
    expect(readCsv(text)).toEqual({
      ok: false,
      message: "The file has more than 10,000 rows (about 10,001); a batch takes at most 10,000. Split the file.",
    });
  });
});

describe("exactColumnMapping", () => {
  it("accepts the API field names in any order", () => {
    expect(exactColumnMapping(["bank_code", "amount", "email", "last_name", "first_name", "account_name", "account_number"], maya))
      .toEqual({
        first_name: 4,
        last_name: 3,
        email: 2,
        amount: 1,
        external_id: null,
        "params.account_number": 6,
        "params.account_name": 5,
        "params.bank_code": 0,
      });
  });

  it("refuses headers that are labels, extra, repeated or incomplete", () => {
    const names = HEADER.split(",");
    expect(exactColumnMapping(["First Name", ...names.slice(1)], maya)).toBeNull();
    expect(exactColumnMapping([...names, "notes"], maya)).toBeNull();
    expect(exactColumnMapping([...names, "amount"], maya)).toBeNull();
    expect(exactColumnMapping(names.filter((name) => name !== "bank_code"), maya)).toBeNull();
  });
});

describe("suggestColumnMapping", () => {
  it("matches labels and names regardless of case, spaces and underscores", () => {
    const headers = ["E-mail", "FIRST NAME", "last_name", "Amount ", "Bank Account Number", "account name", "BankCode", "Notes"];
    expect(suggestColumnMapping(headers, maya)).toEqual({
      first_name: 1,
      last_name: 2,
      email: 0,
      amount: 3,
      external_id: null,
      "params.account_number": 4,
      "params.account_name": 5,
      "params.bank_code": 6,
    });
  });

  it("guesses the headers spreadsheets commonly use", () => {
    const headers = ["Given Name", "Surname", "E-mail Address", "Amount (PHP)", "Account No.", "Account Holder", "Bank", "Reference #"];
    expect(suggestColumnMapping(headers, maya)).toEqual({
      first_name: 0,
      last_name: 1,
      email: 2,
      amount: 3,
      external_id: 7,
      "params.account_number": 4,
      "params.account_name": 5,
      "params.bank_code": 6,
    });
  });

  it("uses each header for one column only", () => {
    expect(suggestColumnMapping(["amount", "amount"], maya)).toMatchObject({ amount: 0 });
  });
});

describe("applyColumnMapping", () => {
  const table: CsvTable = {
    headers: ["Name", "Surname", "Mail", "Sum", "Account", "Holder", "Bank"],
    records: [{ rowNumber: 2, cells: ["John", "Scarlet", "john@example.org", "300", "1", "J S", "600"] }],
  };
  const mapping = suggestColumnMapping(table.headers, maya);
  Object.assign(mapping, {
    first_name: 0,
    last_name: 1,
    email: 2,
    amount: 3,
    "params.account_number": 4,
    "params.account_name": 5,
    "params.bank_code": 6,
  });

  it("builds transaction input from the chosen columns", () => {
    expect(applyColumnMapping(table, mapping, maya)).toEqual({
      ok: true,
      rows: [
        {
          rowNumber: 2,
          input: {
            first_name: "John",
            last_name: "Scarlet",
            email: "john@example.org",
            amount: "300",
            params: { account_number: "1", account_name: "J S", bank_code: "600" },
          },
        },
      ],
    });
  });

  it("refuses a mapping that leaves required columns unchosen", () => {
    expect(applyColumnMapping(table, { ...mapping, amount: null, "params.bank_code": null }, maya)).toEqual({
      ok: false,
      message: "Choose a column for Amount, Bank Code",
    });
  });

  it("refuses one file column chosen for two fields", () => {
    expect(applyColumnMapping(table, { ...mapping, external_id: 0 }, maya)).toEqual({
      ok: false,
      message: 'Column "Name" is chosen for both First name and External id',
    });
  });

  it("refuses a column index the file does not have", () => {
    expect(applyColumnMapping(table, { ...mapping, external_id: 7 }, maya)).toEqual({
      ok: false,
      message: "External id points at a column the file does not have",
    });
  });

  it("flags a row whose cell count differs from the header", () => {
    const shifted: CsvTable = { ...table, records: [{ rowNumber: 4, cells: ["John", "Scarlet", "Jr", "j@x.org", "300", "1", "J", "600"] }] };
    const applied = applyColumnMapping(shifted, mapping, maya);
    expect(applied.ok && applied.rows[0]?.problem).toBe(
      "Row has 8 cells but the header has 7; quote values that contain the delimiter",
    );
  });
});

describe("validateRows", () => {
  it("reports a flagged row without validating its shifted values", () => {
    const input = { first_name: "x", last_name: "y", email: "z", amount: "1", params: {} };
    expect(validateRows([{ rowNumber: 3, input, problem: "Row has 2 cells" }], maya)).toEqual({
      valid: [],
      invalid: [{ rowNumber: 3, input, errors: [{ field: "row", message: "Row has 2 cells" }] }],
    });
  });
});

describe("importCsv", () => {
  it("validates a file with API field names straight away", () => {
    const result = validated(importCsv(`${HEADER}\n${GOOD}\n`, maya));
    expect(result).toEqual({
      valid: [
        {
          rowNumber: 2,
          value: {
            first_name: "John",
            last_name: "Scarlet",
            email: "john@example.org",
            amount: "1000.50",
            external_id: "inv-1",
            params: { account_number: "123456", account_name: "John Scarlet", bank_code: "600" },
          },
        },
      ],
      invalid: [],
    });
  });

  it("keeps valid rows and reports invalid ones with their file row numbers and field errors", () => {
    const text = [
      HEADER,
      GOOD,
      "Jane,O'Neil,jane@example.org,100,,987,Jane,999",
      "",
      `"Ann Marie",Lee,ann@example.org,"1,000.00",,555,"Lee, Ann",600`,
      "Bob,Ray,bob@example.org,300.5,,777,Bob Ray,600",
    ].join("\r\n");
    const result = validated(importCsv(text, maya));
    expect(result.valid.map((row) => [row.rowNumber, row.value.amount])).toEqual([
      [2, "1000.50"],
      [6, "300.50"],
    ]);
    expect(result.invalid.map(({ rowNumber, errors }) => ({ rowNumber, errors }))).toEqual([
      {
        rowNumber: 3,
        errors: [
          { field: "last_name", message: "Letters, digits and inner spaces only" },
          { field: "amount", message: "At least PHP\u00a0200.00" },
          { field: "params.bank_code", message: "Choose a bank from the list" },
        ],
      },
      {
        rowNumber: 5,
        errors: [{ field: "amount", message: "Remove the thousands separators (write 1000.50)" }],
      },
    ]);
    expect(result.invalid[1]?.input.params.account_name).toBe("Lee, Ann");
  });

  it("asks for a mapping when the header uses labels, with a suggestion", () => {
    const text = `First Name,Last Name,Email,Amount,Bank Account Number,Account Holder Name,Bank Code\n${"John,Scarlet,john@example.org,300,1,JS,600"}\n`;
    const result = importCsv(text, maya);
    if (result.kind !== "needs_mapping") throw new Error(result.kind);
    expect(result.suggestion).toEqual({
      first_name: 0,
      last_name: 1,
      email: 2,
      amount: 3,
      external_id: null,
      "params.account_number": 4,
      "params.account_name": 5,
      "params.bank_code": 6,
    });
    const applied = applyColumnMapping(result.table, result.suggestion, maya);
    if (!applied.ok) throw new Error(applied.message);
    expect(validateRows(applied.rows, maya)).toMatchObject({ valid: [{ rowNumber: 2 }], invalid: [] });
  });

  it("passes on a file refusal", () => {
    expect(importCsv("", maya)).toEqual({ kind: "rejected", message: "The file is empty or its first row is blank" });
  });

  it("validates 10,000 rows", () => {
    const lines = Array.from(
      { length: 10_000 },
      (_, i) => `First${i % 10},Last ${i},user${i}@example.org,${200 + (i % 49_800)}.${String(i % 100).padStart(2, "0")},ext-${i},${100000 + i},Holder ${i},600`,
    );
    lines[9_998] = "Bad-Name,Last,user@example.org,100,,1,H,600";
    const text = [HEADER, ...lines].join("\n");

    const result = validated(importCsv(text, maya));

    expect(result.valid).toHaveLength(9_999);
    expect(result.invalid.map((row) => row.rowNumber)).toEqual([10_000]);
    expect(result.valid.at(-1)?.rowNumber).toBe(10_001);
  });
});
