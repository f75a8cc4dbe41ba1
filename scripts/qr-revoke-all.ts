// npm run qr:revoke-all [-- --reason secret_rotation]
// Revokes every code that could still be scanned: after a suspected leak, or together with a
// QR_SIGNING_SECRET rotation (codes signed with the old secret fail their MAC check anyway).
import { scriptContext } from "../lib/context";
import { revokeAllQrSessions } from "../lib/qr/revoke-all";
import { cliArgs, runCli } from "./cli";

runCli(async () => {
  const { values } = cliArgs({ reason: { type: "string" } });
  const count = await revokeAllQrSessions(await scriptContext(), null, values.reason ?? "cli");
  console.log(`revoked ${count} QR code(s)`);
});
