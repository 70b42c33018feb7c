import { desc } from "drizzle-orm";
import type { ServiceContext } from "../context";
import { caughtMail } from "../db/schema";
import { enforce } from "../policy/decision";
import { hasPermission } from "../policy/permissions";

/** The latest mail the local SMTP catcher received (embedded defaults), newest first. */
export async function listCaughtMail(ctx: ServiceContext, input: { limit?: number } = {}) {
  enforce(hasPermission(ctx.actor, "admin.manage"));
  return ctx.db.select().from(caughtMail).orderBy(desc(caughtMail.receivedAt)).limit(input.limit ?? 100);
}
