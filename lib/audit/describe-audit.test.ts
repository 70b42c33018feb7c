import { describe, expect, it } from "vitest";
import { describeAudit } from "./describe-audit";

describe("describeAudit", () => {
  it("reads as a sentence naming the person and the short batch id", () => {
    expect(describeAudit({ actorName: "Ava Approver", actorLabel: "approver@demo.test", action: "batch.approve", batchId: "5eb528f1-0000-4000-8000-000000000000" })).toBe("Ava Approver approved batch 5eb528f1");
    expect(describeAudit({ actorName: null, actorLabel: "job:reconcile", action: "batch.reconcile", batchId: "5eb528f1-0000-4000-8000-000000000000" })).toBe("The reconcile job reconciled batch 5eb528f1");
    expect(describeAudit({ actorName: "Ada Auditor", actorLabel: "auditor@demo.test", action: "history.export", batchId: null })).toBe("Ada Auditor exported history");
    expect(describeAudit({ actorName: "Omar", actorLabel: "o@x", action: "batch.copy", batchId: "9c1d0000-0000-4000-8000-000000000000", details: { from: "5eb528f1-0000-4000-8000-000000000000" } })).toBe("Omar made batch 9c1d0000 from batch 5eb528f1");
  });
});
