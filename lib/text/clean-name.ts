// Human names as Rollcall stores them (docs/design.md#accounts): one rule for every way a name
// comes in — signup, the admin CLI, an admin's edit, roster import and enrolment. Pure.
//
// Invisible characters are STRIPPED, not refused: bidirectional controls (U+202E "right-to-left
// override" makes "Ada‮nimda" render as "Adaadmin"), zero-width spaces and joiners, and every
// other default-ignorable code point (soft hyphens, Hangul fillers that render as blanks, variation
// selectors, tag characters). They change how a name looks without being visible, so a look-alike
// name could fool the approvals page; a name pasted with a stray one is still accepted. Then
// the name is NFC-normalised, whitespace runs become one space, and what remains must contain a letter
// and no other control, format, private-use or unassigned character.
import { Str } from "../common-schemas";

export const MAX_NAME_LENGTH = 120;

/** Characters that change how text looks or reads without being visible themselves (a regex class body, for the u flag). */
export const INVISIBLE_CLASS = "\\p{Default_Ignorable_Code_Point}\\p{Bidi_Control}";
const INVISIBLE = new RegExp(`[${INVISIBLE_CLASS}]`, "gu");

/** The name to store: invisible characters removed, NFC, whitespace runs made one space, trimmed. */
export function cleanName(raw: string): string {
  return raw.replace(INVISIBLE, "").normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Why a cleaned name cannot be stored, in words for a person; null when it can. */
export function nameProblem(name: string): string | null {
  if (name === "") return "is empty";
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  if (/\p{C}/u.test(name)) return "contains control or formatting characters";
  if (!/\p{L}/u.test(name)) return "must contain a letter";
  return null;
}

/** A stored human name, for zod input schemas: cleaned, then checked (400 validation_failed with the reason). */
export const HumanName = Str
  .max(4 * MAX_NAME_LENGTH)
  .transform(cleanName)
  .superRefine((name, ctx) => {
    const problem = nameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: `The name ${problem}.` });
  })
  .describe(`a person's name, at most ${MAX_NAME_LENGTH} characters; invisible and bidirectional control characters are removed`);
