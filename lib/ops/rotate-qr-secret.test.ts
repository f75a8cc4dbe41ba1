import { describe, expect, it } from "vitest";
import { envValue, removeEnvValue, rotatedEnv, setEnvValue } from "./rotate-qr-secret";

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

describe("rotation of the env file", () => {
  const before = "A=1\nQR_SIGNING_SECRET=old\nQR_SIGNING_SECRET_PREVIOUS=older\nB=2\n";

  it("reads values, quoted or not", () => {
    expect(envValue(before, "QR_SIGNING_SECRET")).toBe("old");
    expect(envValue('X="q v"\n', "X")).toBe("q v");
    expect(envValue(before, "MISSING")).toBeUndefined();
  });

  it("routine: the new secret signs, the old one becomes the previous one", () => {
    expect(rotatedEnv(before, "routine", "new", "old")).toBe("A=1\nQR_SIGNING_SECRET=new\nQR_SIGNING_SECRET_PREVIOUS=old\nB=2\n");
    expect(rotatedEnv("QR_SIGNING_SECRET=old\n", "routine", "new", "old")).toBe("QR_SIGNING_SECRET=new\nQR_SIGNING_SECRET_PREVIOUS=old\n");
  });

  it("compromise: the new secret alone, no previous one accepted", () => {
    expect(rotatedEnv(before, "compromise", "new", "old")).toBe("A=1\nQR_SIGNING_SECRET=new\nB=2\n");
    expect(removeEnvValue("QR_SIGNING_SECRET_PREVIOUS=x", "QR_SIGNING_SECRET_PREVIOUS")).toBe("");
  });
});
