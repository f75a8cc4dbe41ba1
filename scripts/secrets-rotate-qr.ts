// npm run secrets:rotate-qr [-- --env-file .env]   New QR_SIGNING_SECRET, every live code revoked.
import { scriptContext } from "../lib/context";
import { rotateQrSigningSecret } from "../lib/ops/rotate-qr-secret";
import { cliArgs, runCli } from "./cli";

runCli(async () => {
  const { values } = cliArgs({ "env-file": { type: "string" } });
  const result = await rotateQrSigningSecret(await scriptContext(), values["env-file"] ?? ".env");
  console.log(`QR_SIGNING_SECRET rotated in ${result.envFile}; ${result.revoked} live code(s) revoked. Restart every app instance to use the new secret.`);
});
