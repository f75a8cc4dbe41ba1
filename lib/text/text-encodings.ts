// The encodings a text file can be read in (lib/text/decode-text-file.ts), apart from the decoder
// so schemas can name them without loading it.
export const TEXT_ENCODINGS = ["UTF-8", "UTF-8 with BOM", "UTF-16 LE", "UTF-16 BE", "Windows-1252"] as const;
export type TextEncoding = (typeof TEXT_ENCODINGS)[number];
