import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { verifyAuditExport } from "../lib/audit/audit-chain";

// npm run verify-audit -- export.csv: proves an /audit export is an unbroken piece of the audit
// chain (no row dropped, edited or reordered), or names the first row that breaks. Exit 1 then.
const file = process.argv[2];
if (!file) {
  console.error("usage: npm run verify-audit -- <audit export.csv>");
  process.exit(2);
}
const verdict = await verifyAuditExport(await readFile(file, "utf8"), (text) => createHash("sha256").update(text, "utf8").digest("hex"));
if (verdict.ok) {
  console.log(`OK: ${verdict.note}. Chain head: sequence ${verdict.head.seq}, ${verdict.head.hash}`);
} else {
  console.error(`BROKEN: ${verdict.problem}`);
  process.exit(1);
}
