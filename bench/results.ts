import fs from "node:fs/promises";
import path from "node:path";
import { roundFigure } from "./stats";

/** One line of bench/results.json. `value` is null when the measure could not run (the note says why). */
export type BenchResult = { name: string; value: number | null; unit: string; target: string; ok: boolean };

export type Target = { text: string; met: (value: number) => boolean };

export const atLeast = (limit: number): Target => ({ text: `>= ${limit}`, met: (value) => value >= limit });
export const below = (limit: number): Target => ({ text: `< ${limit}`, met: (value) => value < limit });
export const atMost = (limit: number): Target => ({ text: `<= ${limit}`, met: (value) => value <= limit });
export const exactly = (limit: number): Target => ({ text: `= ${limit}`, met: (value) => value === limit });

export function result(name: string, value: number, unit: string, target: Target): BenchResult {
  const rounded = roundFigure(value);
  return { name, value: rounded, unit, target: target.text, ok: target.met(value) };
}

/** A measure that could not run: no value, not ok. */
export function notMeasured(name: string, unit: string, target: Target): BenchResult {
  return { name, value: null, unit, target: target.text, ok: false };
}

export const RESULTS_FILE = path.resolve(import.meta.dirname, "results.json");

/**
 * Writes the results, one object per line. A partial run (`npm run bench -- <name>`) replaces
 * only its own lines and keeps the others, so the file always holds the latest figure of each.
 */
export async function writeResults(results: readonly BenchResult[], order: readonly string[]): Promise<void> {
  let previous: BenchResult[] = [];
  try {
    previous = JSON.parse(await fs.readFile(RESULTS_FILE, "utf8")) as BenchResult[];
  } catch {
    // no earlier results (or an unreadable file): start afresh
  }
  const byName = new Map(previous.filter((entry) => order.includes(entry.name)).map((entry) => [entry.name, entry]));
  for (const entry of results) byName.set(entry.name, entry);
  const merged = order.flatMap((name) => byName.get(name) ?? []);
  await fs.writeFile(RESULTS_FILE, `[\n${merged.map((entry) => `  ${JSON.stringify(entry)}`).join(",\n")}\n]\n`);
}

/** The table printed at the end of a run. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = [
    ["name", "value", "unit", "target", "ok"],
    ...results.map((entry) => [entry.name, entry.value === null ? "—" : entry.value.toLocaleString("en-US"), entry.unit, entry.target, entry.ok ? "yes" : "NO"]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 1 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd();
  return [line(rows[0]!), widths.map((width) => "-".repeat(width)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
