import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { decodeTextFile } from "./decode-text-file";

const TEXT = "Nachname;Vorname\r\nMüller;Jürgen\r\nWeiß;Zoë\r\nDubœuf;François\r\n";
const bytes = (...parts: (number[] | Buffer)[]) => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));

function refused(input: Uint8Array): AppError {
  try {
    decodeTextFile(input);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("decodeTextFile", () => {
  it("reads UTF-8 with and without a BOM (plain ASCII is UTF-8)", () => {
    expect(decodeTextFile(Buffer.from(TEXT, "utf8"))).toEqual({ text: TEXT, encoding: "UTF-8" });
    expect(decodeTextFile(bytes([0xef, 0xbb, 0xbf], Buffer.from(TEXT, "utf8")))).toEqual({ text: TEXT, encoding: "UTF-8 with BOM" });
    expect(decodeTextFile(Buffer.from("email,name\na@x.edu,Ada\n"))).toEqual({ text: "email,name\na@x.edu,Ada\n", encoding: "UTF-8" });
  });

  it("reads UTF-16 LE and BE with their BOM", () => {
    expect(decodeTextFile(bytes([0xff, 0xfe], iconv.encode(TEXT, "utf16-le")))).toEqual({ text: TEXT, encoding: "UTF-16 LE" });
    expect(decodeTextFile(bytes([0xfe, 0xff], iconv.encode(TEXT, "utf16-be")))).toEqual({ text: TEXT, encoding: "UTF-16 BE" });
  });

  it("reads Windows-1252 (Excel's plain CSV) and Latin-1, with the letters right", () => {
    expect(decodeTextFile(iconv.encode(TEXT, "windows-1252"))).toEqual({ text: TEXT, encoding: "Windows-1252" });
    const latin1 = "First name,Last name\nJosé,Núñez\nChloé,Lefèvre\n";
    expect(decodeTextFile(iconv.encode(latin1, "latin1"))).toEqual({ text: latin1, encoding: "Windows-1252" });
    // a single accented letter among ASCII is enough
    expect(decodeTextFile(Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x0a]))).toEqual({ text: "Müller\n", encoding: "Windows-1252" });
  });

  it("refuses what it cannot tell, saying to save as CSV UTF-8", () => {
    const cases: [string, Uint8Array, string][] = [
      ["Windows-1250 (Polish)", iconv.encode("First name,Last name\nŁukasz,Żółkiewski\nMałgorzata,Świątek\n", "windows-1250"), ""],
      ["Windows-1250 read as Latin-1 by chardet", iconv.encode("First name,Last name\nŁukasz,Kowalski\n", "windows-1250"), ""],
      ["UTF-16 without a BOM", iconv.encode(TEXT, "utf16-le"), "zero bytes"],
      ["an .xlsx workbook", bytes([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), "workbook"],
      ["an .xls workbook", bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), "workbook"],
      ["UTF-32", bytes([0xff, 0xfe, 0x00, 0x00], Buffer.from("a\0\0\0")), "utf-32"],
      ["a UTF-8 BOM before Windows-1252 bytes", bytes([0xef, 0xbb, 0xbf], iconv.encode(TEXT, "windows-1252")), "invalid utf-8"],
      ["bytes undefined in Windows-1252", bytes(Buffer.from("name\nA"), [0x81, 0xe9], Buffer.from("\n")), "0x81"],
      ["Shift_JIS", iconv.encode("名前,メール\n山田太郎,yamada@x.jp\n", "shift_jis"), ""],
    ];
    for (const [what, input, reason] of cases) {
      const e = refused(input);
      expect([what, e.status, e.code]).toEqual([what, 400, "text_encoding_unknown"]);
      expect(e.message, what).toMatch(/CSV UTF-8/);
      expect(String((e.details as { reason: string }).reason), what).toContain(reason);
    }
  });

  it("reads a whole 5,000-row Windows-1252 file, not only the sample chardet looks at", () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `Jürgen${i};Müller-Lüdenscheidt${i};j${i}@students.example.edu`).join("\r\n");
    const input = iconv.encode(`Vorname;Nachname;E-Mail\r\n${rows}\r\n`, "windows-1252");
    const out = decodeTextFile(input);
    expect(out.encoding).toBe("Windows-1252");
    expect(out.text.split("\r\n")[5000]).toBe("Jürgen4999;Müller-Lüdenscheidt4999;j4999@students.example.edu");
  });
});
