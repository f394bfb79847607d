"use client";
import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False during server rendering and hydration: forms keep their submit disabled until React handles them. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
