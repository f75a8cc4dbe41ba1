// Accent- and case-insensitive matching for searches people type ("muller" finds "Müller",
// "strasse" finds "Straße", "lukasz" finds "Łukasz"): both sides are folded the same way. Pure,
// and free of imports, so client components (the live roster, the roster panel) use it too.

/** Letters that carry no combining mark to strip, written as what people type instead. */
const SPECIAL: Record<string, string> = { ß: "ss", æ: "ae", œ: "oe", ø: "o", ł: "l", đ: "d", ð: "d", þ: "th", ı: "i", ŀ: "l", ħ: "h" };
const SPECIAL_RE = new RegExp(`[${Object.keys(SPECIAL).join("")}]`, "g");

/** "Müller" → "muller": lower-cased, compatibility-decomposed, combining marks removed. */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(SPECIAL_RE, (c) => SPECIAL[c]!);
}

/** Whether any of `fields` contains `needle`, ignoring case and accents; an empty needle matches. */
export function matchesSearch(needle: string, ...fields: (string | null | undefined)[]): boolean {
  const folded = foldForSearch(needle.trim());
  if (!folded) return true;
  return fields.some((f) => f != null && foldForSearch(f).includes(folded));
}
