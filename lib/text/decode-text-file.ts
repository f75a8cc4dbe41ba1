// A text file as a spreadsheet or an LMS saved it → its text and the encoding it was read in
// (docs/courses.md#roster-import-csv). Excel's plain "CSV" is Windows-1252 on most Western
// machines, "CSV UTF-8" has a BOM, "Unicode text" is UTF-16 with a BOM, and LMS exports are
// UTF-8 with or without one. Reading Windows-1252 as UTF-8 turns "Müller" into "M�ller", and a
// merge would then overwrite a correct name, so a file whose encoding cannot be told is refused
// rather than guessed. Pure.
//
// The order: a byte-order mark decides; else bytes that are valid UTF-8 are UTF-8 (Latin text is
// practically never valid UTF-8 by accident); else chardet's statistical guess must name a
// Latin-1 family encoding, AND every non-ASCII character the Windows-1252 reading yields must be
// a letter or common typographic punctuation. The second check catches Central European files
// (Windows-1250 "Łukasz" would read as "£ukasz") that chardet, on a few hundred bytes, ranks as
// Latin-1 anyway.
import { analyse } from "chardet";
import iconv from "iconv-lite";
import { AppError } from "../errors";
import type { TextEncoding } from "./text-encodings";

export type { TextEncoding };


export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/** chardet reads a sample: enough for its statistics, and keeps a 2 MiB file linear and quick. */
const SAMPLE_BYTES = 64 * 1024;
const LATIN1_FAMILY = new Set(["ISO-8859-1", "windows-1252", "ISO-8859-15"]);
/** Windows-1252 leaves these bytes undefined: a file holding them is not Windows-1252. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Besides letters and marks, what a name or a column title plausibly holds beyond ASCII. */
const PLAUSIBLE_PUNCTUATION = new Set([..."\u00a0’‘‚“”„–—…·•€°ªº¡¿«»"]);

const SAVE_AS_UTF8 = 'In your spreadsheet, choose "Save as" and the type "CSV UTF-8 (comma delimited)", then import that file.';

function unreadable(message: string, reason: string): AppError {
  return new AppError("text_encoding_unknown", `${message} ${SAVE_AS_UTF8}`, { reason });
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Why the Windows-1252 reading of `bytes` is implausible, or null when it reads as text. */
function windows1252Problem(bytes: Uint8Array, text: string): string | null {
  for (const b of bytes) if (UNDEFINED_IN_1252.has(b)) return `the byte 0x${b.toString(16)} is not a Windows-1252 character`;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) continue;
    if (/[\p{L}\p{M}]/u.test(ch) || PLAUSIBLE_PUNCTUATION.has(ch)) continue;
    return `"${ch}" is unlikely in a roster`;
  }
  return null;
}

/**
 * Decode a text file whose encoding is not declared. Throws `text_encoding_unknown` (400) for
 * anything it cannot tell with confidence: a spreadsheet workbook, UTF-16 without a BOM, UTF-32,
 * or a legacy encoding other than Windows-1252 / Latin-1.
 */
export function decodeTextFile(input: Uint8Array): DecodedText {
  const bytes = input;
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw unreadable("This file is saved as UTF-32, which Rollcall does not read.", "utf-32");
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = strictUtf8(bytes.subarray(3));
    if (text === null) throw unreadable("This file says it is UTF-8 but holds bytes that are not.", "invalid utf-8 after a BOM");
    return { text, encoding: "UTF-8 with BOM" };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16le", { stripBOM: false }), encoding: "UTF-16 LE" };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), "utf-16be", { stripBOM: false }), encoding: "UTF-16 BE" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw unreadable("This is a spreadsheet workbook (.xlsx or .xls), not a CSV file.", "workbook");
  }
  if (bytes.includes(0)) throw unreadable("This file is not plain text (it holds zero bytes; perhaps UTF-16 without a byte-order mark).", "zero bytes");

  const utf8 = strictUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: "UTF-8" };

  const guess = analyse(bytes.subarray(0, SAMPLE_BYTES))[0];
  if (!guess || !LATIN1_FAMILY.has(guess.name)) {
    throw unreadable("Rollcall could not tell how this file's text is encoded.", `detected ${guess?.name ?? "nothing"}`);
  }
  const text = iconv.decode(Buffer.from(bytes), "windows-1252");
  const problem = windows1252Problem(bytes, text);
  if (problem) throw unreadable("Rollcall could not tell how this file's text is encoded.", problem);
  return { text, encoding: "Windows-1252" };
}
