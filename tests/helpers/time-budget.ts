import os from "node:os";

/**
 * A time target scaled by CPU contention. The targets (e.g. 10,000 rows stored in under 2 s)
 * are for an otherwise idle machine; when other jobs keep the load above the core count, the
 * same work takes proportionally longer, and a fixed bound would only measure the neighbours.
 */
export function scaledBudgetMs(targetMs: number): number {
  const pressure = (os.loadavg()[0] ?? 0) / os.cpus().length;
  return targetMs * Math.max(1, pressure);
}
