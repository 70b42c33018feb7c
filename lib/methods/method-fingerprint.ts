import { createHash } from "node:crypto";
import type { MethodForForm } from "./schemas";

/**
 * sha256 of a method's spec as the forms and the row check read it (fields, banks, limits,
 * currency). Two equal fingerprints mean a row checked against one passes or fails the same
 * way against the other: the row check depends on nothing else.
 */
export function methodFingerprint(method: MethodForForm): string {
  return createHash("sha256").update(JSON.stringify(method), "utf8").digest("hex");
}
