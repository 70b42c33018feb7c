// `npm run create-admin -- --email you@example.com [--name "Your Name"]`: the first admin of a
// real database (DATABASE_URL). The password is read from standard input, never from the
// command line (which other users of the machine can see in the process list).
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { createDb } from "../lib/db";
import { runMigrations } from "../lib/db/migrate";
import { DomainError } from "../lib/errors";
import { createContext } from "../lib/context";
import { createUser } from "../lib/users/create-user";
import { createUserSchema } from "../lib/users/schemas";

nextEnv.loadEnvConfig(process.cwd());

function fail(message: string): never {
  console.error(`create-admin: ${message}`);
  process.exit(1);
}

/** The password from stdin: typed at a prompt with no echo, or piped (`printf %s "$PW" | npm run create-admin …`). */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, "");
  }
  process.stdout.write("Password (not shown): ");
  const rl = createInterface({ input: process.stdin, terminal: true });
  // Mute the echo: readline writes typed characters through _writeToOutput.
  (rl as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  const password = await new Promise<string>((resolve) => rl.once("line", resolve));
  rl.close();
  process.stdout.write("\n");
  return password;
}

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!values.email) fail('--email is required, e.g. npm run create-admin -- --email you@example.com');
const url = process.env.DATABASE_URL;
if (!url) fail("DATABASE_URL is not set. On embedded defaults the demo admin (admin@demo.test) already exists.");

const password = await readPassword();
const parsed = createUserSchema.safeParse({ email: values.email, name: values.name ?? values.email.split("@")[0], roles: ["admin"], password });
if (!parsed.success) {
  fail(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
}

await runMigrations(url);
const { db, sql } = createDb(url, { max: 1 });
try {
  const { user } = await createUser(createContext(db, { kind: "system", id: "system", label: "script:create-admin", roles: [] }), parsed.data);
  console.log(`Created admin ${user.email}. Sign in at the console with that email and password.`);
} catch (error) {
  process.exitCode = 1;
  console.error(`create-admin: ${error instanceof DomainError ? error.message : String(error)}`);
} finally {
  await sql.end();
}
