import { getEnv } from "../env";
import { relyingPartyFrom, type RelyingParty } from "./passkeys";

/**
 * The relying party of this console: the configured public URL of the console itself
 * (NEXTAUTH_URL, which `npm start` sets to http://localhost:$PORT by default). Its host is the
 * RP ID passkeys are bound to, and its origin the only one whose answers are accepted.
 */
export function configuredRelyingParty(): RelyingParty {
  const env = getEnv();
  return relyingPartyFrom(env.NEXTAUTH_URL ?? `http://localhost:${env.PORT}`);
}
