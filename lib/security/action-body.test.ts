import { describe, expect, it } from "vitest";
import { ACTION_BODY_LIMIT_BYTES, MAX_NESTING, nestingDepth, refuseActionBody } from "./action-body";

describe("server action body checks", () => {
  it("measures nesting, ignoring brackets inside strings", () => {
    expect(nestingDepth('[{"a":[1,2]}]')).toBe(3);
    expect(nestingDepth('["[[[[", "\\"[[["]')).toBe(1);
    expect(nestingDepth("[".repeat(20_000) + "]".repeat(20_000), MAX_NESTING)).toBe(MAX_NESTING + 1);
  });

  it("refuses a body over the limit or 20,000 deep with a message, and lets a form's body through", () => {
    expect(refuseActionBody(ACTION_BODY_LIMIT_BYTES + 1, null)).toMatchObject({ status: 413, message: expect.stringContaining("8 MB") });
    expect(refuseActionBody(null, "[".repeat(20_000) + "]".repeat(20_000))).toMatchObject({ status: 400, error: "too_deep" });
    expect(refuseActionBody(200, JSON.stringify([{ methodName: "m", transactions: [{ a: "1" }] }]))).toBeNull();
  });
});
