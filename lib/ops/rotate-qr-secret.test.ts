import { describe, expect, it } from "vitest";
import { setEnvValue } from "./rotate-qr-secret";

describe("setEnvValue", () => {
  it("replaces an existing line and keeps the rest", () => {
    expect(setEnvValue("A=1\nQR_SIGNING_SECRET=old\nB=2\n", "QR_SIGNING_SECRET", "new")).toBe("A=1\nQR_SIGNING_SECRET=new\nB=2\n");
    expect(setEnvValue("export QR_SIGNING_SECRET=old", "QR_SIGNING_SECRET", "n")).toBe("QR_SIGNING_SECRET=n");
  });

  it("appends when missing, with a newline", () => {
    expect(setEnvValue("A=1", "QR_SIGNING_SECRET", "x")).toBe("A=1\nQR_SIGNING_SECRET=x\n");
    expect(setEnvValue("", "QR_SIGNING_SECRET", "x")).toBe("QR_SIGNING_SECRET=x\n");
    expect(setEnvValue("MY_QR_SIGNING_SECRET=keep\n", "QR_SIGNING_SECRET", "x")).toBe("MY_QR_SIGNING_SECRET=keep\nQR_SIGNING_SECRET=x\n");
  });
});
