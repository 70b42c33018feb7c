// The database handle types and the pool factory. The process-wide pool itself is one of the
// app instance's singletons, created in lib/runtime.ts (re-exported here for the callers that
// read it through lib/db).
export { createDb, type Db, type DbHandle, type Sql } from "./create-db";
export { getDb, getDbHandle } from "../runtime";
