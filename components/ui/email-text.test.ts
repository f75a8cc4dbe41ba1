import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { EmailText } from "./EmailText";

describe("EmailText", () => {
  it("lets an address wrap only after the @ and before dots", () => {
    const html = renderToStaticMarkup(createElement(EmailText, { email: "ada.lovelace@college.example.edu" }));
    expect(html.replace(/<\/?span[^>]*>/g, "")).toBe("ada<wbr/>.lovelace@<wbr/>college<wbr/>.example<wbr/>.edu");
  });
});
