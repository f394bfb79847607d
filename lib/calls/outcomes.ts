import { outcomeKeys } from "@/db/calls-schema";

// Nedzo's outcome is a free string. It maps onto the nine counters tolerantly — case, spaces, hyphens and
// underscores do not matter — and anything else is `other`: counted and listed, never dropped.

/** The nine outcome counters' keys (the column's list, less `other`). */
export const OUTCOME_KEYS = outcomeKeys.filter((k): k is Exclude<(typeof outcomeKeys)[number], "other"> => k !== "other");

export type OutcomeKey = (typeof outcomeKeys)[number];

/** Outcomes that mean someone picked up and the call went somewhere good for the campaign. */
export const POSITIVE_OUTCOMES: readonly OutcomeKey[] = ["appointment_booked", "callback_requested", "transferred"];

const BY_FOLDED = new Map<string, OutcomeKey>(OUTCOME_KEYS.map((k) => [k.replaceAll("_", ""), k]));

export function outcomeKey(outcome: unknown): OutcomeKey {
  if (typeof outcome !== "string") return "other";
  const folded = outcome
    .trim()
    .toLowerCase()
    .replace(/^outcome[\s_-]*/, "")
    .replace(/[\s_-]+/g, "");
  return BY_FOLDED.get(folded) ?? "other";
}
