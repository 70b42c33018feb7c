import "server-only";
import type { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import type { Permission } from "../auth/roles";
import { currentRequestId, requirePermission, type CurrentUser } from "../auth/session";
import { getDbHandle, type Sql } from "../db";
import { parseFilterParams } from "../history/schemas";
import { errorResponse } from "../http";
import { log } from "../log";
import { escapeControlCharacters, escapeRecord } from "../security/text";
import { csvResponse } from "./csv-response";
import type { CsvChunk } from "./stream-query-csv";

type AuditedExport<S extends z.ZodType> = {
  permission: Permission;
  /** The page's filter schema: the export takes the same query string as the page. */
  schema: S;
  /** The audit action, also the log message ("history.export"). */
  action: string;
  filename: (filters: z.output<S>, stamp: string) => string;
  rows: (sql: Sql, filters: z.output<S>) => AsyncGenerator<CsvChunk>;
};

/**
 * GET handler body of a CSV export: the rows the page's filters select, every page of them, written
 * by Postgres and streamed; audited once the stream ends with the rows that left. A refused or
 * failed export is audited too (who tried to take what, and why it did not happen).
 */
export async function auditedCsvExport<S extends z.ZodType>(request: Request, spec: AuditedExport<S>): Promise<Response> {
  let user: CurrentUser | null = null;
  // Read now: the stream ends after the request's own scope is gone.
  const requestId = await currentRequestId();
  const audit = (who: CurrentUser, details: Record<string, unknown>) => recordAudit(getDbHandle().db, { actor: { kind: "user", id: who.id, label: who.email }, action: spec.action, details, requestId });
  try {
    user = await requirePermission(spec.permission);
    const parsed = parseFilterParams(spec.schema, new URL(request.url).searchParams);
    if (!parsed.ok) {
      await audit(user, { filters: escapeRecord(parsed.raw), outcome: "refused", error: Object.values(parsed.fieldErrors).join("; "), fieldErrors: parsed.fieldErrors, rows: 0 });
      return Response.json({ error: "invalid", message: "Check the filters", fieldErrors: parsed.fieldErrors }, { status: 422 });
    }
    const filters = { ...(parsed.filters as object), cursor: undefined } as z.output<S>; // an export is every page, not one
    const signedIn = user;
    const stamp = new Date().toISOString().slice(0, 16).replace(/[-:]/g, "");
    return csvResponse(spec.rows(getDbHandle().sql, filters), {
      filename: spec.filename(filters, stamp),
      onEnd: async ({ rows, outcome, error }) => {
        await audit(signedIn, { filters, rows, outcome, ...(error ? { error } : {}) });
        log.info({ requestId, rows, outcome }, spec.action);
      },
    });
  } catch (error) {
    // An export that failed before its first byte is still audited, with the failure.
    const message = escapeControlCharacters(error instanceof Error ? error.message.slice(0, 500) : String(error));
    if (user) await audit(user, { filters: escapeRecord(Object.fromEntries(new URL(request.url).searchParams)), outcome: "failed", error: message, rows: 0 }).catch(() => undefined);
    return errorResponse(error, { route: `GET export (${spec.action})` });
  }
}
