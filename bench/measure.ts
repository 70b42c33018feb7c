import type { BenchEnvironment } from "./environment";
import type { Target } from "./results";

export type MeasureSpec = { name: string; unit: string; target: Target };

/**
 * One measurement run. Some runs yield several figures at once (an ingest run gives throughput,
 * p99 and losses), so a measure declares the names it produces and returns a value for each;
 * `notes` explain a figure (what was measured, why a target is missed).
 */
export type Measure = {
  /** Short name for notes, e.g. `webhook_ingest`. */
  key: string;
  title: string;
  specs: MeasureSpec[];
  run(env: BenchEnvironment, log: (message: string) => void): Promise<{ values: Record<string, number>; notes?: string[] }>;
};
