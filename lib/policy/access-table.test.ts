import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS } from "../../tests/e2e/access-table";
import { PERMISSIONS, type Permission, type Role } from "../auth/roles";
import { DEMO_USERS } from "../users/demo-users";

// Issue 15: the hand-written access table (walked by roles.spec.ts with every role) is checked
// against the permission each action declares to defineAction, so the two cannot drift apart.
const ACTIONS_DIR = path.join(__dirname, "..", "actions");
const actionFiles = readdirSync(ACTIONS_DIR).filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && file !== "define-action.ts");

// The roles roles.spec.ts signs in with a second factor (the demo approvers and admin): the only
// ones a step-up action lets through, whatever its permission.
const WITH_SECOND_FACTOR = new Set(DEMO_USERS.filter((user) => user.totpSecret).flatMap((user) => user.roles));

/** The roles an action lets through: its permission's, and with `stepUp` only those with a second factor. */
function rolesLetThrough(file: string): Role[] {
  const source = readFileSync(path.join(ACTIONS_DIR, file), "utf8");
  const match = /defineAction\([\s\S]*?\bpermission:\s*"([a-z_.]+)"/.exec(source);
  if (!match) throw new Error(`${file}: no defineAction permission`);
  const roles: readonly Role[] = PERMISSIONS[match[1] as Permission];
  return /\bstepUp:\s*true\b/.test(source) ? roles.filter((role) => WITH_SECOND_FACTOR.has(role)) : [...roles];
}

describe("the access table and the permission table agree", () => {
  it("every server action has one row in the access table", () => {
    expect(ACTIONS.map((rule) => path.basename(rule.file)).sort()).toEqual([...actionFiles].sort());
  });

  for (const rule of ACTIONS) {
    it(`${rule.name}: the roles allowed are those its permission (and step-up) let through`, () => {
      expect([...rule.allowed].sort()).toEqual(rolesLetThrough(path.basename(rule.file)).sort());
    });
  }
});
