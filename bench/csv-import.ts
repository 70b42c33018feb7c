import { importCsv } from "../lib/batches/csv-import";
import { saveDraft } from "../lib/batches/save-draft";
import { encodeDraftRows, saveDraftSchema } from "../lib/batches/schemas";
import { createContext } from "../lib/context";
import type { MethodForForm } from "../lib/methods/schemas";
import { transactionColumns } from "../lib/methods/transaction-schema";
import { benchMethod, userId } from "./fixtures";
import type { Measure } from "./measure";
import { below } from "./results";
import { median } from "./stats";

const ROWS = 10_000;
const REPEATS = 5;

/** A 10,000-row file with the method's API field names as its header, as the CSV template gives them. */
export function generateCsv(method: MethodForForm, rows: number): string {
  const headers = transactionColumns(method).map((column) => column.csvHeader);
  const bank = method.banks[0]?.code ?? "";
  const cell = (header: string, n: number): string => {
    switch (header) {
      case "first_name": return `Maria${n}`;
      case "last_name": return n % 7 === 0 ? "Dela Cruz" : "Santos";
      case "email": return `maria.santos.${n}@example.org`;
      case "amount": return `${200 + (n % 4800)}.${String(n % 100).padStart(2, "0")}`;
      case "external_id": return `inv-${n}`;
      case "bank_code": return bank;
      case "account_name": return `"Santos, Maria ${n}"`; // quoted, with the delimiter inside
      default: return `00${String(n).padStart(10, "0")}`;
    }
  };
  const lines = [headers.join(",")];
  for (let n = 1; n <= rows; n++) lines.push(headers.map((header) => cell(header, n)).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export const csvImport: Measure = {
  key: "csv_import",
  title: "CSV import: 10,000 rows read, validated and saved as a draft",
  specs: [{ name: "csv_import_10k_ms", unit: "ms", target: below(2000) }],
  async run(env, log) {
    const [{ db }, method] = await Promise.all([env.database(), benchMethod(env)]);
    const ctx = createContext(db, { kind: "user", id: await userId(env, "operator@demo.test"), label: "operator@demo.test", roles: ["operator"] });
    const paramKeys = method.fields.map((field) => field.key);
    const text = generateCsv(method, ROWS);
    const totals: number[] = [];
    const splits: string[] = [];
    // One unmeasured pass first: the first call compiles the schemas and warms the JIT.
    for (let run = 0; run <= REPEATS; run++) {
      const started = performance.now();
      // What the browser does (components/batches/csv-import.worker.ts)…
      const imported = importCsv(text, method);
      if (imported.kind !== "validated") throw new Error(`The generated CSV was not validated at once (${imported.kind})`);
      if (imported.result.invalid.length > 0) throw new Error(`The generated CSV has invalid rows: ${JSON.stringify(imported.result.invalid[0])}`);
      const read = performance.now();
      // …then what "Save draft" does: the editor's compact rows text, decoded and stored (lib/actions/save-draft.ts).
      const rows = encodeDraftRows(paramKeys, imported.result.valid.map((row) => row.value));
      const payload = saveDraftSchema.parse({ methodName: method.name, description: "Bench CSV import", rows });
      const saved = await saveDraft(ctx, payload);
      const finished = performance.now();
      if (saved.transactionCount !== ROWS || saved.invalidCount !== 0) throw new Error(`Saved ${saved.transactionCount} rows (${saved.invalidCount} invalid), expected ${ROWS} valid`);
      if (run === 0) continue;
      totals.push(finished - started);
      splits.push(`${(read - started).toFixed(0)}+${(finished - read).toFixed(0)}`);
    }
    log(`  runs (read+validate in the browser's code, then parse+check+store on the server's): ${splits.join(", ")} ms`);
    return {
      values: { csv_import_10k_ms: median(totals) },
      notes: [`median of ${REPEATS} after a warm-up; importCsv + saveDraftSchema + saveDraft in one process (no HTTP, no browser): ${splits.join(", ")} ms`],
    };
  },
};
