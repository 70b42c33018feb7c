"use server";

import { z } from "zod";
import { setRiskPolicy } from "../risk/set-risk-policy";
import { defineAction } from "./define-action";

/** /admin/thresholds: "Require a second approval when any high risk flag is present". */
export const setRiskPolicyAction = defineAction(
  {
    name: "risk_policy.set",
    schema: z.object({ secondApprovalOnHighFlag: z.boolean({ error: "Second approval on high flag: on or off" }) }),
    permission: "admin.manage",
    stepUp: true, // a threshold change (issue 13)
    revalidate: () => ["/admin/thresholds"],
  },
  (ctx, input) => setRiskPolicy(ctx, input),
);
