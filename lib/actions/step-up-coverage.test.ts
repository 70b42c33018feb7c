import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 13: these ask for a fresh second factor (within 5 minutes) before they run. Read from the
// action files themselves, so dropping `stepUp: true` from one (or adding it silently) fails here.
const NEEDS_STEP_UP = [
  "approve-batch.ts", // an approval
  "decide-payee.ts", // approving a payee's bank details
  "change-user-roles.ts", // a user or role change
  "create-user.ts",
  "decide-role-grant.ts",
  "reset-user-password.ts",
  "set-user-active.ts",
  "set-second-factor-requirement.ts",
  "regenerate-recovery-codes.ts", // second-factor changes
  "remove-passkey.ts",
  "set-approval-threshold.ts", // a threshold change
  "set-risk-policy.ts",
  "create-api-key.ts", // an API key
  "create-webhook-endpoint.ts", // a webhook endpoint
  "rotate-webhook-secret.ts",
];

describe("server actions that need step-up", () => {
  it("are exactly the sensitive ones", () => {
    const dir = path.join(__dirname);
    const withStepUp = readdirSync(dir)
      .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
      .filter((file) => /\bstepUp:\s*true\b/.test(readFileSync(path.join(dir, file), "utf8")));
    expect(withStepUp.sort()).toEqual([...NEEDS_STEP_UP].sort());
  });
});
