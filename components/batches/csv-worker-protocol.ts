import type { ColumnMapping, CsvImportResult, CsvTable, RowValidation } from "@/lib/batches/csv-import";
import type { MethodForForm } from "@/lib/methods/schemas";

export type CsvWorkerRequest =
  | { kind: "import"; text: string; method: MethodForForm }
  | { kind: "map"; table: CsvTable; mapping: ColumnMapping; method: MethodForForm };

export type CsvWorkerResponse =
  | { kind: "import"; result: CsvImportResult }
  | { kind: "map"; ok: true; result: RowValidation }
  | { kind: "map"; ok: false; message: string };

/** Runs one request on a fresh worker (terminated afterwards: an import is a one-off). */
export function runCsvWorker(request: CsvWorkerRequest): Promise<CsvWorkerResponse> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./csv-import.worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<CsvWorkerResponse>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "The CSV reader stopped unexpectedly"));
    };
    worker.postMessage(request);
  });
}
