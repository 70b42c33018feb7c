import { expect } from "@playwright/test";
import { DEMO_PASSWORD, demoTotpCode } from "./helpers";

/** A cookie jar signed in through next-auth's own endpoints (no browser): for HTTP-level checks. */
export type HttpSession = { cookie: string };

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((line) => line.split(";")[0]!);
}

export async function signInOverHttp(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<HttpSession> {
  const csrf = await fetch(`${baseURL}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const code = await demoTotpCode(email); // the demo approvers and admin sign in with their authenticator code
  const response = await fetch(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", ...(code ? { code } : {}) }),
  });
  const cookies = [...jar, ...cookiesOf(response)];
  expect(cookies.some((cookie) => cookie.startsWith("next-auth.session-token=")), `${email} signs in`).toBe(true);
  return { cookie: cookies.join("; ") };
}

export type HttpOutcome = { status: number; location: string | null; body: string };

/**
 * One request with the session's cookies. Only the start of the body is read (enough for an
 * error code or an action result), so a stream (server-sent events, a CSV export) does not hang it.
 */
export async function hit(baseURL: string, session: HttpSession | null, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpOutcome> {
  const abort = new AbortController();
  const response = await fetch(`${baseURL}${path}`, {
    method: init.method ?? "GET",
    redirect: "manual",
    signal: abort.signal,
    headers: { ...(session ? { cookie: session.cookie } : {}), ...init.headers },
    body: init.body,
  });
  let body = "";
  const reader = response.body?.getReader();
  if (reader) {
    const decoder = new TextDecoder();
    const deadline = Date.now() + 5_000;
    while (body.length < 4_096 && Date.now() < deadline) {
      const read = reader.read();
      read.catch(() => undefined); // a read still pending when we abort rejects; that is expected
      const next = await Promise.race([read, new Promise<null>((resolve) => setTimeout(() => resolve(null), 1_000))]);
      if (!next || next.done) break;
      body += decoder.decode(next.value, { stream: true });
    }
    abort.abort();
  }
  return { status: response.status, location: response.headers.get("location"), body };
}
