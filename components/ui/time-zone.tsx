"use client";
// Which zone a <Time> shows. The server knows only the college's zone (COLLEGE_TIMEZONE), so the
// server render and the first client render use it; once hydrated, a viewer-zone time switches to
// the browser's own zone. Both are labelled, so either render is correct on its own.
import { createContext, useContext } from "react";
import { viewerTimeZone } from "@/lib/time/format";
import { useHydrated } from "./use-hydrated";

const CollegeZone = createContext("UTC");

export function TimeZoneProvider({ collegeZone, children }: { collegeZone: string; children: React.ReactNode }) {
  return <CollegeZone.Provider value={collegeZone}>{children}</CollegeZone.Provider>;
}

export type ZoneChoice = "viewer" | "college";

/** The IANA zone to format in: the college's, or (after hydration) the viewer's. */
export function useTimeZone(choice: ZoneChoice = "viewer"): string {
  const college = useContext(CollegeZone);
  const hydrated = useHydrated();
  if (choice === "college" || !hydrated) return college;
  return viewerTimeZone() ?? college;
}
