// How exports sort students: by family name, in the college's language (Intl.Collator), so
// "Łukasz Nowak" sorts among the N's and "Émile Zola" among the Z's, not after "Zoe" by code
// point. The one place that knows where a family name comes from: an enrolment's own family
// name once imports keep one, else the last word of the full name.

export interface Named {
  fullName: string;
  familyName?: string | null;
}

export function familyNameOf(p: Named): string {
  const own = p.familyName?.trim();
  if (own) return own;
  const words = p.fullName.trim().split(/\s+/);
  return words[words.length - 1] ?? "";
}

/** A comparator by family name, then full name, then `tie` (e.g. the email), in `locale`'s order. */
export function byFamilyName<T>(locale: string, named: (t: T) => Named, tie: (t: T) => string = () => "") {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  return (a: T, b: T) => {
    const na = named(a);
    const nb = named(b);
    return collator.compare(familyNameOf(na), familyNameOf(nb)) || collator.compare(na.fullName, nb.fullName) || collator.compare(tie(a), tie(b));
  };
}
