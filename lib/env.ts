import { z } from "zod";
import { parseMethodList } from "./methods/known-methods";

const credentialsSchema = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: 'must be JSON such as {"PHP":{"appId":"…","secretKey":"…"}}' });
      return z.NEVER;
    }
  })
  .pipe(
    z.record(
      z.string().regex(/^[A-Z]{3,4}$/, "keys must be currency codes such as PHP"),
      z.object({ appId: z.string().min(1, "appId is required"), secretKey: z.string().min(1, "secretKey is required") }),
      { error: 'must map currency codes to {"appId","secretKey"}' },
    ),
  );

const methodListSchema = z.string().superRefine((text, ctx) => {
  try {
    parseMethodList(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
  }
});
import { parseTotpKey } from "./auth/totp-crypto";

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

function isLoopbackUrl(value: string | undefined): boolean {
  if (!value) return false;
  try {
    const { hostname } = new URL(value);
    return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith("127.");
  } catch {
    return false;
  }
}

/**
 * Every variable the app reads. The start script fills DATABASE_URL, the Hello Clever
 * trio and NEXTAUTH_SECRET on embedded defaults, so inside the app they are always set.
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_BASE_URL: z.url({ error: "must be an absolute URL such as https://payouts.example.com" }).optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    NEXTAUTH_URL: z.url().optional(),
    // AES-256-GCM key for TOTP secrets at rest: 32 bytes as 64 hex characters or base64.
    // Generated once into the data dir on embedded defaults; required with a real DATABASE_URL (start.ts).
    TOTP_ENCRYPTION_KEY: z
      .string()
      .refine((value) => parseTotpKey(value) !== null, "must be 32 bytes: 64 hex characters or base64 (openssl rand -hex 32)")
      .optional(),
    HELLO_CLEVER_BASE_URL: z.url({ error: "must be an absolute URL" }),
    HELLO_CLEVER_APP_ID: z.string().min(1),
    HELLO_CLEVER_SECRET_KEY: z.string().min(1),
    /** JSON: currency → { appId, secretKey }, overriding the pair above for that currency's calls. */
    HELLO_CLEVER_CREDENTIALS: credentialsSchema.optional(),
    /** Comma list narrowing (names) or extending (+name, -name) the shipped method names. */
    HELLO_CLEVER_METHODS: methodListSchema.optional(),
    /** Optional path of an (undocumented) list-methods endpoint, an extra source of names. */
    HELLO_CLEVER_LIST_METHODS_PATH: z.string().regex(/^\/[\w./-]*$/, "must be a path such as /api/v2/payouts/payout_methods").optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    APPROVAL_EXPIRY_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    RECONCILE_INTERVAL_S: z.coerce.number().int().min(5).max(3600).default(60),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    SEED_DEMO_USERS: z.enum(["0", "1"]).default("0"),
    RISK_RECENT_CHANGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    // Notifications, machine API and outgoing webhooks (issue 18).
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL such as smtp://user:pass@mail.example.com:587" }).optional(),
    MAIL_FROM: z.string().min(3).default("Payout Desk <payout-desk@localhost>"),
    MAIL_CATCHER: z.enum(["0", "1"]).default("0"),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(300),
    OUTGOING_WEBHOOKS_ALLOW_PRIVATE: z.enum(["0", "1"]).default("0"),
    OUTGOING_WEBHOOK_RETRY_SCHEDULE_S: z
      .string()
      .regex(/^\d+(,\d+)*$/, "must be comma-separated seconds, such as 0,5,300")
      .transform((value) => value.split(",").map(Number))
      .optional(),
  })
  .superRefine((env, ctx) => {
    const providerIsLocal = isLoopbackUrl(env.HELLO_CLEVER_BASE_URL);
    if (env.PUBLIC_BASE_URL && !providerIsLocal && new URL(env.PUBLIC_BASE_URL).protocol !== "https:") {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_BASE_URL"], message: "must be https when Hello Clever is not the local simulator" });
    }
    if (!env.PUBLIC_BASE_URL && !providerIsLocal) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_BASE_URL"], message: "required when Hello Clever is not the local simulator (it must reach the webhook receiver)" });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; an empty value (`FOO=`) counts as unset. Throws one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== "" && value !== undefined));
  const result = EnvSchema.safeParse(present);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
  throw new Error(`Invalid environment (see .env.example): ${lines.join("; ")}`);
}

/** The URL the provider calls back, defaulting to this server when the provider is local. */
export function publicBaseUrl(env: Env): string {
  return (env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${env.PORT}`).replace(/\/$/, "");
}

export function providerIsSimulator(env: Env): boolean {
  return isLoopbackUrl(env.HELLO_CLEVER_BASE_URL);
}

let cached: Env | undefined;
/** The validated environment of this process (parsed once, on first use). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
