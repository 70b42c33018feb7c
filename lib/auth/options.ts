import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { randomUUID } from "node:crypto";
import { getDb } from "../db";
import { DomainError } from "../errors";
import { log } from "../log";
import { signInSchema } from "./schemas";
import { checkSecondFactorAtSignIn } from "./second-factor-sign-in";
import { totpEncryptionKey } from "./totp-key";
import { SIGN_IN_FAILED_MESSAGE, signIn } from "./sign-in";

const SESSION_HOURS = 8;

/** next-auth: credentials checked against Postgres, JWT sessions holding only the user id. */
export const authOptions: AuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" }, code: { label: "Code", type: "text" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error(SIGN_IN_FAILED_MESSAGE);
        const requestId = (request?.headers?.["x-request-id"] as string | undefined) ?? null;
        try {
          const user = await signIn(getDb(), { ...parsed.data, requestId });
          // Second step: someone with a second factor proves it (TOTP or recovery code); it also counts as this
          // session's step-up. `sid` names this session for step-up (kept in the token).
          const sessionId = randomUUID();
          const code = typeof credentials?.code === "string" ? credentials.code : null;
          await checkSecondFactorAtSignIn(getDb(), { user, proof: { code }, key: totpEncryptionKey, sessionId, now: new Date() });
          return { id: user.id, email: user.email, name: user.name, sid: sessionId };
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
      }
      return token;
    },
    session({ session, token }) {
      if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
      return session;
    },
  },
  logger: {
    error: (code, metadata) => log.error({ code, metadata: metadata instanceof Error ? metadata.message : undefined }, "next_auth.error"),
    warn: (code) => log.warn({ code }, "next_auth.warn"),
    debug: () => {},
  },
};
