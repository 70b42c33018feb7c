import { eq, sql } from "drizzle-orm";
import type { AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { randomUUID } from "node:crypto";
import { getDb } from "../db";
import { users } from "../db/schema";
import { DomainError } from "../errors";
import { log } from "../log";
import { safeCallback } from "./safe-callback";
import { signInSchema } from "./schemas";
import { configuredRelyingParty } from "./passkey-config";
import { authenticationResponseSchema } from "./passkey-schemas";
import { checkSecondFactorAtSignIn, type SecondFactorProof } from "./second-factor-sign-in";
import { totpEncryptionKey } from "./totp-key";
import { IDLE_SECONDS, publicUrlIsHttps, REFRESH_AFTER_SECONDS, type SessionClaims } from "./session-policy";
import { SIGN_IN_FAILED_MESSAGE, signIn } from "./sign-in";

/** The sign-in form's passkey field: "start" (asking for options), or the browser's answer as JSON. */
function readPasskeyProof(value: unknown): SecondFactorProof["passkey"] {
  if (typeof value !== "string" || value === "") return null;
  if (value === "start") return "start";
  if (value.length > 100_000) throw new DomainError("invalid", PASSKEY_UNREADABLE);
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new DomainError("invalid", PASSKEY_UNREADABLE);
  }
  const parsed = authenticationResponseSchema.safeParse(json);
  if (!parsed.success) throw new DomainError("invalid", PASSKEY_UNREADABLE);
  return parsed.data as AuthenticationResponseJSON;
}
const PASSKEY_UNREADABLE = "That passkey answer could not be read. Try again, or use a code from your authenticator app.";

function header(request: { headers?: Record<string, unknown> } | undefined, name: string): string | null {
  const value = request?.headers?.[name];
  return typeof value === "string" ? value : null;
}

/**
 * next-auth: credentials checked against Postgres; JWT sessions holding the user id, the user's
 * session version when issued (`sv`: a sign-out, reset, role change or deactivation moves it on
 * and ends the session at its next request) and when the person signed in (`authAt`: 12 h at most).
 */
export const authOptions: AuthOptions = {
  session: { strategy: "jwt", maxAge: IDLE_SECONDS, updateAge: REFRESH_AFTER_SECONDS },
  useSecureCookies: publicUrlIsHttps(),
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Code", type: "text" }, passkey: { label: "Passkey", type: "text" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(SIGN_IN_FAILED_MESSAGE);
        const requestId = header(request, "x-request-id");
        try {
          // x-client-ip is written by our server from the socket (any value a client sent is replaced).
          const user = await signIn(getDb(), { ...parsed.data, ip: header(request, "x-client-ip"), requestId });
          // Second step: someone with a second factor proves it (TOTP or recovery code); it also counts as this
          // session's step-up. `sid` names this session for step-up (kept in the token).
          const sessionId = randomUUID();
          const code = typeof credentials?.code === "string" ? credentials.code : null;
          const passkey = readPasskeyProof((credentials as { passkey?: unknown } | undefined)?.passkey);
          await checkSecondFactorAtSignIn(getDb(), { user, proof: { code, passkey }, key: totpEncryptionKey, rp: configuredRelyingParty, sessionId, now: new Date(), requestId });
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion, sid: sessionId };
        } catch (error) {
          // next-auth passes the thrown message to the sign-in page as `error`.
          if (error instanceof DomainError) throw new Error(error.message);
          log.error({ err: error, requestId }, "auth.sign_in_error");
          throw new Error("Sign-in is unavailable right now. Try again in a moment.");
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sid = (user as { sid?: string }).sid;
        (token as SessionClaims).sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
        (token as SessionClaims).authAt = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      const claims = token as SessionClaims;
      if (session.user && claims.sub) Object.assign(session.user, { id: claims.sub });
      return Object.assign(session, { sv: claims.sv, authAt: claims.authAt });
    },
    // Only paths on this site, resolved as a browser would (no "/\host", no control characters).
    redirect({ url, baseUrl }) {
      const path = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
      return `${baseUrl}${safeCallback(path, baseUrl)}`;
    },
  },
  events: {
    // Signing out ends every session of the person, this token included: a copy of the cookie
    // (stolen, or left in another browser) stops working at its next request.
    async signOut({ token }) {
      const id = (token as SessionClaims | null)?.sub;
      if (!id) return;
      await getDb()
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, id));
    },
  },
  logger: {
    error: (code, metadata) => log.error({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, "next_auth.error"),
    warn: (code) => log.warn({ code }, "next_auth.warn"),
    debug: () => {},
  },
};
