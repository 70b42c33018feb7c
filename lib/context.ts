import type { Role } from "./auth/roles";
import type { Db } from "./db";
import { log as rootLog, type Logger } from "./log";

/**
 * Who is acting: a signed-in person, a machine API key (never approves: maker-checker stays with
 * people), or the system itself (a job, the webhook receiver).
 */
export type Actor =
  | { kind: "user"; id: string; label: string; roles: readonly Role[] }
  | { kind: "api_key"; id: string; label: string; roles: readonly Role[] }
  | { kind: "system"; id: "system"; label: string; roles: readonly Role[] };

/**
 * Everything a lib verb needs about the request or job it runs for. Built once per request
 * (actions, route handlers) and once per job; every verb takes `(ctx, input)`.
 */
export type ServiceContext = {
  actor: Actor;
  requestId: string | null;
  db: Db;
  now: () => Date;
  log: Logger;
};

type ContextOptions = { requestId?: string | null; now?: () => Date; log?: Logger };

/** A context for a person or an API key; the logger carries the request id and the actor. */
export function createContext(db: Db, actor: Actor, options: ContextOptions = {}): ServiceContext {
  const requestId = options.requestId ?? null;
  const log = (options.log ?? rootLog).child({ requestId, actor: actor.kind === "system" ? actor.label : actor.id });
  return { actor, requestId, db, now: options.now ?? (() => new Date()), log };
}

/** A context for background work: the actor is the system, labelled with the job's name. */
export function systemContext(db: Db, job: string, options: ContextOptions = {}): ServiceContext {
  return createContext(db, { kind: "system", id: "system", label: `job:${job}`, roles: [] }, options);
}

/** The same context on another handle (a transaction), so nested verbs write inside it. */
export function withDb(ctx: ServiceContext, db: Db): ServiceContext {
  return { ...ctx, db };
}
