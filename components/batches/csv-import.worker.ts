import { applyColumnMapping, importCsv, validateRows } from "@/lib/batches/csv-import";
import type { CsvWorkerRequest, CsvWorkerResponse } from "./csv-worker-protocol";

// Parsing and validating 10,000 rows takes a noticeable moment; here it never blocks typing or scrolling.
self.onmessage = (event: MessageEvent<CsvWorkerRequest>) => {
  const request = event.data;
  let response: CsvWorkerResponse;
  if (request.kind === "import") {
    response = { kind: "import", result: importCsv(request.text, request.method) };
  } else {
    const applied = applyColumnMapping(request.table, request.mapping, request.method);
    response = applied.ok
      ? { kind: "map", ok: true, result: validateRows(applied.rows, request.method) }
      : { kind: "map", ok: false, message: applied.message };
  }
  // The DOM typings describe window.postMessage; in a worker it takes just the message.
  (self as unknown as { postMessage(message: CsvWorkerResponse): void }).postMessage(response);
};
