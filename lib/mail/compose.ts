// Every mail Rollcall sends is built here, so each one has the product's name, a plain-text
// and an HTML part carrying the same words, and the one line that says why the recipient gets
// it (docs/design.md#outgoing-mail). Pure: no I/O, all user text escaped in the HTML part.

export const PRODUCT_NAME = "Rollcall";

export interface MailContent {
  /** the first line of the body (often the subject again) */
  heading: string;
  /** plain sentences; user text is fine here, it is escaped in the HTML part */
  paragraphs: string[];
  /** one button (HTML) / one line with the URL (text) */
  action?: { label: string; url: string };
  /** why this person gets this mail, one line: "You signed up for Rollcall at …" */
  reason: string;
  /** an extra small-print line (e.g. "This link works for 24 hours.") */
  footer?: string;
}

export interface ComposedMail {
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Marks where enqueueMail inserts a notice mail's unsubscribe line in the HTML part. */
export const HTML_FOOTER_END = "<!--rollcall-footer-end-->";

const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : "#");

export function composeMail(content: MailContent): ComposedMail {
  const textLines = [content.heading, "", ...content.paragraphs.flatMap((p) => [p, ""])];
  if (content.action) textLines.push(`${content.action.label}: ${content.action.url}`, "");
  textLines.push("--", `${PRODUCT_NAME} · ${content.reason}`);
  if (content.footer) textLines.push(content.footer);
  const text = textLines.join("\n");

  const p = (s: string) => `<p style="margin:0 0 16px;line-height:1.5">${escapeHtml(s)}</p>`;
  const action = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(safeUrl(content.action.url))}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#4b5563">Or open this address: ${escapeHtml(content.action.url)}</p>`
    : "";
  const small = (s: string) => `<p style="margin:0 0 6px;font-size:13px;color:#4b5563">${escapeHtml(s)}</p>`;
  const html = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.heading)}</title></head>`,
    `<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#111827;background:#ffffff">`,
    `<p style="margin:0 0 16px;font-weight:700;color:#1d4ed8">${PRODUCT_NAME}</p>`,
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map(p),
    action,
    `<hr style="border:none;border-top:1px solid #e5e7eb;margin:24px 0 12px">`,
    small(`${PRODUCT_NAME} · ${content.reason}`),
    content.footer ? small(content.footer) : "",
    HTML_FOOTER_END,
    `</body></html>`,
  ].join("");
  return { text, html };
}
