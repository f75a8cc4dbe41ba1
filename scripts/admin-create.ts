// npm run admin:create -- --email E --password P [--name "Full Name"]
import { createAdmin } from "../lib/accounts/create-admin";
import { scriptContext } from "../lib/context";
import { cliArgs, runCli } from "./cli";

runCli(async () => {
  const { values } = cliArgs({ email: { type: "string" }, password: { type: "string" }, name: { type: "string" } });
  if (!values.email || !values.password) throw new Error("usage: npm run admin:create -- --email E --password P [--name N]");
  const user = await createAdmin(await scriptContext(), { email: values.email, password: values.password, full_name: values.name });
  console.log(`created admin ${user.email} (id ${user.id})`);
});
