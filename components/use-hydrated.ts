"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;
/** false while server-rendered HTML is showing, true once React has hydrated (no effect needed). */
export function useHydrated(): boolean {
  return useSyncExternalStore(subscribe, () => true, () => false);
}
