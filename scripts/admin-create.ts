// npm run admin:create -- --email E [--name "Full Name"]
// The password is typed at a prompt (not shown) or read from the first line of standard input.
import { createAdmin } from "../lib/accounts/create-admin";
import { scriptContext } from "../lib/context";
import { cliArgs, runCli } from "./cli";
import { readPassword } from "./read-password";

const USAGE = "usage: npm run admin:create -- --email E [--name N]   (the password is asked for, or read from standard input)";

runCli(async () => {
  const { values } = cliArgs({ email: { type: "string" }, password: { type: "string" }, name: { type: "string" } });
  if (values.password !== undefined) {
    throw new Error(`--password is not accepted: it would show in the terminal, the process list and shell history.\n${USAGE}`);
  }
  if (!values.email) throw new Error(USAGE);
  const password = await readPassword();
  if (!password) throw new Error(`no password given.\n${USAGE}`);
  const user = await createAdmin(await scriptContext(), { email: values.email, password, full_name: values.name });
  console.log(`created admin ${user.email} (id ${user.id})`);
});
