import { getDb } from "../db";
import { getEnv } from "../env";
import type { ApiDeps } from "./handlers";

/** The /api/v1 handlers' dependencies in the running app. */
export function appApiDeps(): ApiDeps {
  const env = getEnv();
  return { db: getDb(), rateLimitPerMinute: env.API_RATE_LIMIT_PER_MINUTE, approvalExpiryDays: env.APPROVAL_EXPIRY_DAYS };
}
