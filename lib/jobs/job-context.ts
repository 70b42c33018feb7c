import type { Db } from "../db";
import type { Env } from "../env";
import type { HelloCleverClient } from "../hello-clever/client";

/** What every job handler gets: the database, the validated env and the Hello Clever client. */
export type JobContext = { db: Db; env: Env; helloClever: HelloCleverClient };
