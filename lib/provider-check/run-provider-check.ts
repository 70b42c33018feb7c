import { desc, eq } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit";
import type { ServiceContext } from "../context";
import { providerChecks, type StoredContractCheck } from "../db/schema";
import type { HelloCleverClientConfig } from "../hello-clever/client";
import { contractHeld, runContractChecks } from "./run-contract-checks";

export interface ProviderCheckRun {
  ranAt: Date;
  held: boolean;
  checks: StoredContractCheck[];
}

export interface ProviderCheckSummary {
  last: (ProviderCheckRun & { actorLabel: string }) | null;
  /** When the checks last all held (null: never). */
  lastHeldAt: Date | null;
}

/**
 * "Provider check" (admins): the read-only part of the contract suite against the configured
 * Hello Clever, stored with its outcome so /admin shows when it last held. Creates nothing at the
 * provider.
 */
export async function runProviderCheck(ctx: ServiceContext, input: { config: HelloCleverClientConfig; methodName: string }): Promise<ProviderCheckRun> {
  const checks = await runContractChecks(input.config, { methodName: input.methodName, allowPayout: false, now: ctx.now });
  const held = contractHeld(checks);
  const ranAt = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await tx.insert(providerChecks).values({ ranAt, held, checks, actorLabel: ctx.actor.label });
    await recordAudit(tx, {
      actor: ctx.actor.kind === "user" ? { kind: "user", id: ctx.actor.id, label: ctx.actor.label } : { kind: "system", label: ctx.actor.label },
      action: "provider.check",
      entityType: "provider_checks",
      details: { held, differs: checks.filter((check) => check.outcome === "differs").map((check) => `${check.endpoint}: ${check.what}`) },
      requestId: ctx.requestId,
    });
  });
  ctx.log.info({ held, differs: checks.filter((check) => check.outcome === "differs").length }, "provider.check");
  return { ranAt, held, checks };
}

/** The latest run and when the checks last held, for /admin. */
export async function getProviderCheckSummary(ctx: ServiceContext): Promise<ProviderCheckSummary> {
  const { db } = ctx;
  const [last] = await db.select().from(providerChecks).orderBy(desc(providerChecks.ranAt)).limit(1);
  const [lastHeld] = await db.select({ ranAt: providerChecks.ranAt }).from(providerChecks).where(eq(providerChecks.held, true)).orderBy(desc(providerChecks.ranAt)).limit(1);
  return {
    last: last ? { ranAt: last.ranAt, held: last.held, checks: last.checks, actorLabel: last.actorLabel } : null,
    lastHeldAt: lastHeld?.ranAt ?? null,
  };
}
