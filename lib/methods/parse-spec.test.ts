import { describe, expect, it } from "vitest";
import { parseSpec } from "./parse-spec";

const METHOD = "ph_bank_maya_php";

describe("parseSpec", () => {
  it("parses the documented Maya spec into ordered fields", () => {
    expect(
      parseSpec(METHOD, {
        account_number: "string:Mandatory Bank Account Number",
        account_name: "string:Mandatory Account Holder Name",
        bank_code: "string:Mandatory Bank Code",
      }),
    ).toEqual({
      ok: true,
      fields: [
        { key: "account_number", type: "string", required: true, label: "Bank Account Number" },
        { key: "account_name", type: "string", required: true, label: "Account Holder Name" },
        { key: "bank_code", type: "string", required: true, label: "Bank Code" },
      ],
    });
  });

  it("marks an Optional field as not required", () => {
    expect(parseSpec(METHOD, { remarks: "string:Optional Remarks" })).toEqual({
      ok: true,
      fields: [{ key: "remarks", type: "string", required: false, label: "Remarks" }],
    });
  });

  it("collapses and trims whitespace in the label", () => {
    expect(parseSpec(METHOD, { account_name: " string:Mandatory  Account   Name " })).toMatchObject({
      ok: true,
      fields: [{ label: "Account Name" }],
    });
  });

  it("gives no fields for an empty spec object", () => {
    expect(parseSpec(METHOD, {})).toEqual({ ok: true, fields: [] });
  });

  it("rejects an unknown type, naming the method and field", () => {
    expect(parseSpec(METHOD, { account_number: "int:Mandatory Bank Account Number" })).toEqual({
      ok: false,
      error: 'Method ph_bank_maya_php, field account_number: unknown type "int" (expected string)',
    });
  });

  it("rejects a type in another case rather than guessing", () => {
    expect(parseSpec(METHOD, { account_number: "String:Mandatory Number" })).toEqual({
      ok: false,
      error: 'Method ph_bank_maya_php, field account_number: unknown type "String" (expected string)',
    });
  });

  it("rejects a spec with no Mandatory or Optional", () => {
    expect(parseSpec(METHOD, { account_number: "string:Bank Account Number" })).toEqual({
      ok: false,
      error: 'Method ph_bank_maya_php, field account_number: expected Mandatory or Optional after "string:", got "Bank"',
    });
    expect(parseSpec(METHOD, { account_number: "string:mandatory Bank Account Number" })).toMatchObject({ ok: false });
  });

  it("rejects a spec without the type separator", () => {
    expect(parseSpec(METHOD, { account_number: "Mandatory Bank Account Number" })).toEqual({
      ok: false,
      error:
        'Method ph_bank_maya_php, field account_number: spec "Mandatory Bank Account Number" is not <type>:<Mandatory|Optional> <Label>',
    });
  });

  it("rejects an empty label", () => {
    for (const spec of ["string:Mandatory", "string:Mandatory   "]) {
      expect(parseSpec(METHOD, { account_number: spec })).toEqual({
        ok: false,
        error: "Method ph_bank_maya_php, field account_number: label is empty",
      });
    }
  });

  it("rejects a value that is not a string", () => {
    expect(parseSpec(METHOD, { account_number: 42 })).toEqual({
      ok: false,
      error: "Method ph_bank_maya_php, field account_number: spec must be a string, got number",
    });
    expect(parseSpec(METHOD, { account_number: null })).toEqual({
      ok: false,
      error: "Method ph_bank_maya_php, field account_number: spec must be a string, got null",
    });
  });

  it("rejects a key that is not lowercase snake case", () => {
    for (const key of ["AccountNumber", "1st_line", "account-number", "_hidden", ""]) {
      expect(parseSpec(METHOD, { [key]: "string:Mandatory Label" }), key).toEqual({
        ok: false,
        error: `Method ph_bank_maya_php, field ${key}: key must be lowercase letters, digits and underscores, starting with a letter`,
      });
    }
  });

  it("rejects a key that collides with a fixed transaction field", () => {
    for (const key of ["first_name", "last_name", "email", "amount", "external_id"]) {
      expect(parseSpec(METHOD, { [key]: "string:Mandatory Label" }), key).toEqual({
        ok: false,
        error: `Method ph_bank_maya_php, field ${key}: key collides with the transaction field of the same name`,
      });
    }
  });

  it("rejects a spec that is not an object", () => {
    for (const spec of [null, undefined, "string:Mandatory X", ["string:Mandatory X"]]) {
      expect(parseSpec(METHOD, spec)).toEqual({
        ok: false,
        error: "Method ph_bank_maya_php: payout_method_params is not an object",
      });
    }
  });

  it("fails the whole spec when one field is bad", () => {
    expect(
      parseSpec(METHOD, { account_number: "string:Mandatory Number", bank_code: "enum:Mandatory Bank" }),
    ).toMatchObject({ ok: false, error: expect.stringContaining("field bank_code") });
  });
});
