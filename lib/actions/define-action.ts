import "server-only";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { invalidInput, toActionError, type ActionResult } from "../action-result";
import { requestContext } from "../auth/request-context";
import { requireRecentStepUp } from "../auth/step-up";
import type { Permission } from "../auth/roles";
import type { ServiceContext } from "../context";

type ActionOptions<S extends z.ZodType, T> = {
  /** `entity.verb`, for the log line of an unexpected failure. */
  name: string;
  schema: S;
  permission: Permission;
  /**
   * Step-up: the person must have proved a second factor in this session within 5 minutes
   * (checked after the permission); otherwise the result is `forbidden` with
   * `details.reason: "step_up_required"`, which the client's StepUpProvider answers with a code
   * dialog before retrying.
   */
  stepUp?: boolean;
  /** Paths whose server render changes; left out where a re-render would reset an open form. */
  revalidate?: (input: z.output<S>, result: T) => string[];
};

/**
 * The one shape of a server action: parse with the shared schema, build the caller's context
 * (checking the permission), run the lib verb, revalidate, and answer `{ ok, data } | { ok: false, … }`.
 * Typed for callers and parsed anyway: every action is a public POST endpoint. Subject rules
 * (maker-checker, state) are the verb's, through lib/policy.
 */
export function defineAction<S extends z.ZodType, T>(
  options: ActionOptions<S, T>,
  run: (ctx: ServiceContext, input: z.output<S>) => Promise<T>,
): (input: z.input<S>) => Promise<ActionResult<T>> {
  return async (input) => {
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) return invalidInput(parsed.error);
    let result: T;
    try {
      const ctx = await requestContext(options.permission);
      if (options.stepUp) await requireRecentStepUp(ctx);
      result = await run(ctx, parsed.data);
    } catch (error) {
      return toActionError(error, { action: options.name });
    }
    for (const path of options.revalidate?.(parsed.data, result) ?? []) revalidatePath(path);
    return { ok: true, data: result };
  };
}
