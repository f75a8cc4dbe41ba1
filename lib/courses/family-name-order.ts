// Rosters, reports and exports list students by family name, as registries and lecturers do:
// the family name from the roster's split name columns when the file had them, otherwise the
// last word of the full name ("Ada Lovelace" → "Lovelace"), then the given name, then the email.
// Locale-aware (Intl.Collator: "Łukasz" sorts with the L's, "Zoë" after "Zoe"). Pure. This is
// the one ordering of people in a course: use it rather than sorting by full name.

export interface NamedPerson {
  fullName: string;
  givenName?: string | null;
  familyName?: string | null;
  email?: string | null;
}

/** The family name and given name a person sorts by. */
export function familyNameKey(p: NamedPerson): { family: string; given: string } {
  if (p.familyName) return { family: p.familyName, given: p.givenName ?? p.fullName };
  const full = p.fullName.trim();
  const space = full.lastIndexOf(" ");
  return space > 0 ? { family: full.slice(space + 1), given: full.slice(0, space) } : { family: full, given: "" };
}

/**
 * A comparator ordering people by family name, then given name, then email, in `locale`'s
 * alphabet (default: the runtime's). Keys are computed once per person, so sorting 5,000 stays fast.
 */
export function compareByFamilyName(locale?: string): (a: NamedPerson, b: NamedPerson) => number {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const keys = new WeakMap<NamedPerson, { family: string; given: string }>();
  const key = (p: NamedPerson) => {
    let k = keys.get(p);
    if (!k) keys.set(p, (k = familyNameKey(p)));
    return k;
  };
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return collator.compare(ka.family, kb.family) || collator.compare(ka.given, kb.given) || collator.compare(a.email ?? "", b.email ?? "");
  };
}

/** `people` sorted by family name (a new array). */
export function sortByFamilyName<T extends NamedPerson>(people: readonly T[], locale?: string): T[] {
  return [...people].sort(compareByFamilyName(locale));
}
