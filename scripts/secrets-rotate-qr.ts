// npm run secrets:rotate-qr -- --routine|--compromise [--file .env]
//   --routine     new QR_SIGNING_SECRET, the old one kept as QR_SIGNING_SECRET_PREVIOUS; then restart
//                 the instances one at a time (no code is refused; docs/deployment.md)
//   --compromise  new QR_SIGNING_SECRET, the old key revoked in the database at once (every
//                 instance refuses old codes now); then restart every instance promptly
import { scriptContext } from "../lib/context";
import { rotateQrSigningSecret } from "../lib/ops/rotate-qr-secret";
import { cliArgs, runCli } from "./cli";

const USAGE = "usage: npm run secrets:rotate-qr -- --routine|--compromise [--file .env]";

runCli(async () => {
  const { values } = cliArgs({ routine: { type: "boolean" }, compromise: { type: "boolean" }, file: { type: "string" } });
  if (values.routine === values.compromise) throw new Error(`choose one procedure.\n${USAGE}`);
  const kind = values.routine ? "routine" : "compromise";
  const result = await rotateQrSigningSecret(await scriptContext(), values.file ?? ".env", kind);
  if (kind === "routine") {
    console.log(
      `QR_SIGNING_SECRET rotated in ${result.envFile} (key ${result.newKeyId}); the old one is QR_SIGNING_SECRET_PREVIOUS.\n` +
        "Copy the file to every instance and restart them one at a time. Codes are signed with the new key once every running instance knows it.",
    );
  } else {
    console.log(
      `QR_SIGNING_SECRET replaced in ${result.envFile} (key ${result.newKeyId}); key(s) ${result.oldKeyIds.join(", ")} revoked and ${result.revoked} live code(s) revoked.\n` +
        "Every instance refuses old codes now. Copy the file to every instance and restart them: until then an instance with the old secret cannot issue codes.",
    );
  }
});
