import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../tests/helpers/db";
import { SoftwareAuthenticator } from "../../tests/helpers/software-authenticator";
import { createContext, type ServiceContext } from "../context";
import { auditLog, passkeys, recoveryCodes, sessionStepUps, users, webauthnChallenges } from "../db/schema";
import { CHALLENGE_TTL_MS, finishPasskeyRegistration, listPasskeys, relyingPartyFrom, removePasskey, startPasskeyAuthentication, startPasskeyRegistration, verifyPasskeyAuthentication } from "./passkeys";
import { getSecondFactorStatus, verifySecondFactorCode } from "./second-factor";
import { checkSecondFactorAtSignIn } from "./second-factor-sign-in";
import { parseSecondFactorRequired } from "./second-factor-messages";
import { regenerateRecoveryCodes } from "./totp-setup";
import { authenticationResponseSchema, finishPasskeyRegistrationSchema } from "./passkey-schemas";

let t: TestDatabase;
const rp = relyingPartyFrom("http://localhost:3000/");
const T0 = new Date("2026-12-01T10:00:00Z");
const noKey = () => Buffer.alloc(32);

type Person = ServiceContext & { set: (d: Date) => void; email: string };

async function person(email: string, roles: ("operator" | "approver" | "admin")[] = ["approver"]): Promise<Person> {
  const [user] = await t.db.insert(users).values({ email, name: email, passwordHash: "!", roles }).returning();
  let now = T0;
  const ctx = createContext(t.db, { kind: "user", id: user!.id, label: email, roles });
  return { ...ctx, now: () => now, set: (d: Date) => (now = d), email } as Person;
}

async function withPasskey(email: string): Promise<{ ctx: Person; authenticator: SoftwareAuthenticator; codes: string[] | null }> {
  const ctx = await person(email);
  const authenticator = new SoftwareAuthenticator(rp.origin);
  const options = await startPasskeyRegistration(ctx, { rp });
  const { recoveryCodes: codes } = await finishPasskeyRegistration(ctx, { rp, name: "Laptop", response: authenticator.register(options) });
  return { ctx, authenticator, codes };
}

async function audit(userId: string) {
  return t.db.select().from(auditLog).where(eq(auditLog.entityId, userId));
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe("relying party", () => {
  it("is the configured public URL: its host is the RP ID, its origin the only one accepted", () => {
    expect(relyingPartyFrom("http://localhost:3000")).toEqual({ rpID: "localhost", rpName: "Payout Desk", origin: "http://localhost:3000" });
    expect(relyingPartyFrom("https://payouts.example.com/")).toMatchObject({ rpID: "payouts.example.com", origin: "https://payouts.example.com" });
  });
});

describe("registering a passkey", () => {
  it("stores the public key, counts as a second factor, gives a passkey-only person recovery codes, and is audited", async () => {
    const { ctx, authenticator, codes } = await withPasskey("register@example.com");
    const list = await listPasskeys(ctx, { userId: ctx.actor.id });
    expect(list).toEqual([{ id: authenticator.id, name: "Laptop", createdAt: T0, lastUsedAt: null }]);
    const status = await getSecondFactorStatus(ctx, { id: ctx.actor.id, roles: ["approver"] });
    expect(status).toMatchObject({ totp: false, passkeys: 1, enrolled: true, recoveryCodesLeft: 10 });
    expect(codes).toHaveLength(10);
    // A recovery code works for a passkey-only person, once.
    expect(await verifySecondFactorCode(t.db, { userId: ctx.actor.id, code: codes![0]!, key: noKey(), now: T0 })).toBe("recovery_code");
    const rows = await audit(ctx.actor.id);
    expect(rows.find((row) => row.action === "user.passkey_add")).toMatchObject({ actorId: ctx.actor.id, after: { passkeyId: authenticator.id, name: "Laptop" } });
    expect(await t.db.select().from(webauthnChallenges).where(eq(webauthnChallenges.userId, ctx.actor.id))).toHaveLength(0);
  });

  it("a second passkey gets a default name and no new recovery codes; new codes can be asked for", async () => {
    const { ctx } = await withPasskey("second@example.com");
    const other = new SoftwareAuthenticator(rp.origin);
    const options = await startPasskeyRegistration(ctx, { rp });
    expect(options.excludeCredentials).toHaveLength(1);
    expect(options.rp.id).toBe("localhost");
    const result = await finishPasskeyRegistration(ctx, { rp, name: "  ", response: other.register(options) });
    expect(result).toMatchObject({ passkey: { name: "Passkey 2" }, recoveryCodes: null });
    expect((await regenerateRecoveryCodes(ctx)).recoveryCodes).toHaveLength(10);
  });

  it("refuses an answer from another origin or for another RP ID, and a challenge used twice", async () => {
    const ctx = await person("origin@example.com");
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const foreign = await startPasskeyRegistration(ctx, { rp });
    await expect(finishPasskeyRegistration(ctx, { rp, response: authenticator.register(foreign, { origin: "http://evil.example" }) })).rejects.toMatchObject({ code: "invalid", details: { field: "response" } });
    const wrongRp = await startPasskeyRegistration(ctx, { rp });
    await expect(finishPasskeyRegistration(ctx, { rp, response: authenticator.register(wrongRp, { rpId: "evil.example" }) })).rejects.toMatchObject({ code: "invalid" });
    const good = await startPasskeyRegistration(ctx, { rp });
    const answer = authenticator.register(good);
    await finishPasskeyRegistration(ctx, { rp, response: answer });
    await expect(finishPasskeyRegistration(ctx, { rp, response: answer })).rejects.toThrow(/expired or was already used/);
    expect(await listPasskeys(ctx, { userId: ctx.actor.id })).toHaveLength(1);
  });

  it("refuses a challenge issued to someone else or for another purpose, and one past its lifetime", async () => {
    const ctx = await person("bound@example.com");
    const mallory = await person("mallory@example.com");
    const authenticator = new SoftwareAuthenticator(rp.origin);
    const options = await startPasskeyRegistration(ctx, { rp });
    await expect(finishPasskeyRegistration(mallory, { rp, response: authenticator.register(options) })).rejects.toThrow(/expired or was already used/);
    const late = await startPasskeyRegistration(ctx, { rp });
    ctx.set(new Date(T0.getTime() + CHALLENGE_TTL_MS + 1000));
    await expect(finishPasskeyRegistration(ctx, { rp, response: authenticator.register(late) })).rejects.toThrow(/expired/);
    ctx.set(T0);
    // A sign-in challenge is not a registration challenge.
    const { ctx: owner, authenticator: key } = await withPasskey("purpose@example.com");
    const signIn = await startPasskeyAuthentication(owner, { purpose: "sign_in", rp });
    await expect(verifyPasskeyAuthentication(owner, { purpose: "step_up", rp, response: key.authenticate(signIn) })).rejects.toThrow(/expired or was already used/);
    expect(await listPasskeys(ctx, { userId: ctx.actor.id })).toHaveLength(0);
  });
});

describe("using a passkey", () => {
  it("checks the signature and counter, records the last use, and audits each use with its purpose", async () => {
    const { ctx, authenticator } = await withPasskey("use@example.com");
    ctx.set(new Date(T0.getTime() + 60_000));
    const options = await startPasskeyAuthentication(ctx, { purpose: "step_up", rp });
    expect(options.allowCredentials).toEqual([{ id: authenticator.id, type: "public-key", transports: ["internal"] }]);
    expect(await verifyPasskeyAuthentication(ctx, { purpose: "step_up", rp, response: authenticator.authenticate(options) })).toEqual({ passkeyId: authenticator.id });
    const [row] = await t.db.select().from(passkeys).where(eq(passkeys.id, authenticator.id));
    expect(row).toMatchObject({ counter: 1, lastUsedAt: new Date(T0.getTime() + 60_000) });
    expect((await audit(ctx.actor.id)).find((r) => r.action === "user.passkey_use")).toMatchObject({ details: { purpose: "step_up", passkeyId: authenticator.id, name: "Laptop" } });
  });

  it("refuses a counter that does not move forward (a cloned authenticator), a replayed answer and a forged signature", async () => {
    const { ctx, authenticator } = await withPasskey("counter@example.com");
    const first = await startPasskeyAuthentication(ctx, { purpose: "step_up", rp });
    const answer = authenticator.authenticate(first, { counter: 5 });
    await verifyPasskeyAuthentication(ctx, { purpose: "step_up", rp, response: answer });
    await expect(verifyPasskeyAuthentication(ctx, { purpose: "step_up", rp, response: answer })).rejects.toThrow(/already used/);
    const second = await startPasskeyAuthentication(ctx, { purpose: "step_up", rp });
    await expect(verifyPasskeyAuthentication(ctx, { purpose: "step_up", rp, response: authenticator.authenticate(second, { counter: 5 }) })).rejects.toMatchObject({ code: "invalid" });
    const impostor = new SoftwareAuthenticator(rp.origin);
    const third = await startPasskeyAuthentication(ctx, { purpose: "step_up", rp });
    const forged = { ...impostor.authenticate(third), id: authenticator.id, rawId: authenticator.id };
    await expect(verifyPasskeyAuthentication(ctx, { purpose: "step_up", rp, response: forged })).rejects.toMatchObject({ code: "invalid" });
    const [row] = await t.db.select().from(passkeys).where(eq(passkeys.id, authenticator.id));
    expect(row!.counter).toBe(5);
    expect((await audit(ctx.actor.id)).filter((r) => r.action === "user.passkey_use")).toHaveLength(1);
  });

  it("refuses someone else's passkey", async () => {
    const { authenticator } = await withPasskey("victim@example.com");
    const { ctx: other } = await withPasskey("other@example.com");
    const options = await startPasskeyAuthentication(other, { purpose: "step_up", rp });
    await expect(verifyPasskeyAuthentication(other, { purpose: "step_up", rp, response: authenticator.authenticate(options) })).rejects.toMatchObject({ code: "invalid" });
  });

  it("is sign-in's second step: options on request, then the answer records the session's proof", async () => {
    const { ctx, authenticator } = await withPasskey("signin@example.com");
    const user = { id: ctx.actor.id, email: ctx.email, roles: ["approver"] as const };
    const base = { user, key: noKey, rp: () => rp, now: T0, sessionId: "session-signin" };
    const asked = await checkSecondFactorAtSignIn(t.db, { ...base, proof: {} }).catch((error: Error) => error.message);
    expect(parseSecondFactorRequired(asked as string)).toMatchObject({ totp: false, passkey: true, passkeyOptions: null });
    const started = await checkSecondFactorAtSignIn(t.db, { ...base, proof: { passkey: "start" } }).catch((error: Error) => error.message);
    const { passkeyOptions } = parseSecondFactorRequired(started as string)!;
    expect(passkeyOptions).toMatchObject({ rpId: "localhost", allowCredentials: [{ id: authenticator.id }] });
    const answer = authenticator.authenticate(passkeyOptions as never);
    expect(await checkSecondFactorAtSignIn(t.db, { ...base, proof: { passkey: answer } })).toBe("passkey");
    const [proof] = await t.db.select().from(sessionStepUps).where(eq(sessionStepUps.sessionId, "session-signin"));
    expect(proof).toMatchObject({ method: "passkey", userId: ctx.actor.id });
    // The sign-in challenge is single-use, and not valid for step-up.
    await expect(checkSecondFactorAtSignIn(t.db, { ...base, proof: { passkey: answer } })).rejects.toThrow(/already used/);
    expect((await audit(ctx.actor.id)).find((r) => r.action === "user.passkey_use")).toMatchObject({ details: { purpose: "sign_in" } });
  });
});

describe("removing a passkey", () => {
  it("removes only one's own, audited; the last one gone means no second factor", async () => {
    const { ctx, authenticator } = await withPasskey("remove@example.com");
    const { ctx: other } = await withPasskey("bystander@example.com");
    await expect(removePasskey(other, { passkeyId: authenticator.id })).rejects.toMatchObject({ code: "not_found", details: { field: "passkeyId" } });
    expect(await removePasskey(ctx, { passkeyId: authenticator.id })).toEqual({ removed: authenticator.id });
    expect(await listPasskeys(ctx, { userId: ctx.actor.id })).toEqual([]);
    expect((await getSecondFactorStatus(ctx, { id: ctx.actor.id, roles: ["approver"] })).enrolled).toBe(false);
    expect((await audit(ctx.actor.id)).find((r) => r.action === "user.passkey_remove")).toMatchObject({ before: { passkeyId: authenticator.id, name: "Laptop" } });
    // Recovery codes stay (they are harmless without a password), but no longer count as a factor.
    expect(await t.db.select().from(recoveryCodes).where(and(eq(recoveryCodes.userId, ctx.actor.id)))).toHaveLength(10);
  });
});

describe("what the browser sends", () => {
  it("is parsed for shape and size, with errors naming the field", () => {
    const bad = (input: unknown) => finishPasskeyRegistrationSchema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];
    const good = { id: "AAAA", rawId: "AAAA", type: "public-key", response: { clientDataJSON: "e30", attestationObject: "AAAA" } };
    expect(finishPasskeyRegistrationSchema.safeParse({ name: " Laptop ", response: good }).data).toMatchObject({ name: "Laptop", response: { clientExtensionResults: {} } });
    expect(bad({ name: "a".repeat(61), response: good })).toEqual(["Name: at most 60 characters"]);
    expect(bad({ name: "bad\u0000name", response: good })).toEqual(["Name: no control characters"]);
    expect(bad({ response: { ...good, type: "password" } })).toEqual(["Passkey type: must be public-key"]);
    expect(bad({ response: { ...good, response: { ...good.response, clientDataJSON: "not base64url!" } } })).toEqual(["Client data: not base64url"]);
    expect(authenticationResponseSchema.safeParse({ ...good, response: { clientDataJSON: "e30", authenticatorData: "AA" } }).success).toBe(false);
  });
});
