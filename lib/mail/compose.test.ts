import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { composeMail, escapeHtml, HTML_FOOTER_END } from "./compose";

describe("composeMail", () => {
  const mail = composeMail({
    heading: "Your account is ready",
    paragraphs: ["Hello <Ada> & \"friends\",", "Second paragraph."],
    action: { label: "Sign in", url: "https://rollcall.college.edu/login?next=/home&x=1" },
    reason: "You signed up for Rollcall.",
    footer: "This link works for 24 hours.",
  });

  it("has the product's name, every paragraph, the action's URL and the reason in the text part", () => {
    expect(mail.text.split("\n")[0]).toBe("Your account is ready");
    expect(mail.text).toContain('Hello <Ada> & "friends",');
    expect(mail.text).toContain("Sign in: https://rollcall.college.edu/login?next=/home&x=1");
    expect(mail.text).toContain("Rollcall · You signed up for Rollcall.");
    expect(mail.text).toContain("This link works for 24 hours.");
  });

  it("escapes user text in the HTML part and keeps the footer marker for the unsubscribe line", () => {
    expect(mail.html).toContain("Hello &lt;Ada&gt; &amp; &quot;friends&quot;,");
    expect(mail.html).not.toContain("<Ada>");
    expect(mail.html).toContain('href="https://rollcall.college.edu/login?next=/home&amp;x=1"');
    expect(mail.html).toContain(">Rollcall<");
    expect(mail.html).toContain(HTML_FOOTER_END);
    expect(mail.html.startsWith("<!doctype html>")).toBe(true);
  });

  it("never links anything but http(s)", () => {
    const evil = composeMail({ heading: "x", paragraphs: [], action: { label: "Go", url: "javascript:alert(1)" }, reason: "r" });
    expect(evil.html).toContain('href="#"');
  });

  it("no input text can open a tag in the HTML part", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (heading, paragraph) => {
        const { html } = composeMail({ heading, paragraphs: [paragraph], reason: "r" });
        const body = html.replace(/<[a-z!/][^<>]*>/g, ""); // our own tags removed
        return !body.includes("<") && !body.includes(">");
      }),
    );
    expect(escapeHtml(`<script>"'&`)).toBe("&lt;script&gt;&quot;&#39;&amp;");
  });
});
