import { describe, expect, it } from "vitest";
import type { Role } from "../auth/roles";
import { maskPayeeParams, mayReadPayeeDetails } from "./payee-details";

const actor = (id: string, roles: Role[]) => ({ kind: "user" as const, id, roles });
const draft = { status: "draft" as const, createdBy: "maker" };
const pending = { status: "pending_approval" as const, createdBy: "maker" };

describe("who reads a batch's payee details", () => {
  it("its maker, auditors and admins always; approvers once submitted; other operators never", () => {
    expect(mayReadPayeeDetails(actor("maker", ["operator"]), draft).allowed).toBe(true);
    expect(mayReadPayeeDetails(actor("a", ["auditor"]), draft).allowed).toBe(true);
    expect(mayReadPayeeDetails(actor("b", ["admin"]), draft).allowed).toBe(true);
    expect(mayReadPayeeDetails(actor("c", ["approver"]), draft).allowed).toBe(false);
    expect(mayReadPayeeDetails(actor("c", ["approver"]), pending).allowed).toBe(true);
    expect(mayReadPayeeDetails(actor("d", ["operator"]), draft).allowed).toBe(false);
    expect(mayReadPayeeDetails(actor("d", ["operator"]), pending).allowed).toBe(false);
  });

  it("masks account numbers and codes, keeps names", () => {
    expect(maskPayeeParams({ account_number: "1234567890", account_name: "Maria Santos", bank_code: "600" })).toEqual({
      account_number: "••••7890",
      account_name: "Maria Santos",
      bank_code: "••••",
    });
  });
});
