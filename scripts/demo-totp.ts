// npm run demo-totp -- approver@demo.test: the current code of a demo user's authenticator
// (the demo approvers and admin are seeded with a fixed, public TOTP secret; demo only).
import { totpCodeAt, TOTP_STEP_SECONDS } from "../lib/auth/totp";
import { DEMO_USERS, demoTotpSecret } from "../lib/users/demo-users";

const email = process.argv[2] ?? "approver@demo.test";
const secret = demoTotpSecret(email);
if (!secret) {
  console.error(`${email} has no demo authenticator. Demo users with one: ${DEMO_USERS.filter((user) => user.totpSecret).map((user) => user.email).join(", ")}`);
  process.exit(1);
}
const now = new Date();
const left = TOTP_STEP_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_STEP_SECONDS);
console.log(`${totpCodeAt(secret, now)}  (${email}; valid ${left} s more, then ${totpCodeAt(secret, new Date(now.getTime() + left * 1000))})`);
