// The e2e server's mail (a real SMTP capture started by e2e/support/server.ts), for specs:
// `const mail = await waitForMail({ to, subject }); await page.goto(firstLink(mail, "/verify-email"))`.
import { firstLink, linksIn, Mailbox, type CapturedMail, type MailQuery } from "../../tests/support/mailbox";
import { E2E_MAIL_DIR } from "./env";

export { firstLink, linksIn, type CapturedMail, type MailQuery };

export const e2eMailbox = new Mailbox(E2E_MAIL_DIR);

export function waitForMail(q: MailQuery): Promise<CapturedMail> {
  return e2eMailbox.waitForMail(q);
}
