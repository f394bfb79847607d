// Nedzo's outcome is a free string. It maps onto the nine counters tolerantly — case, spaces, hyphens and
// underscores do not matter — and anything else is `other`: counted and listed, never dropped.

export const OUTCOME_KEYS = [
  "appointment_booked",
  "callback_requested",
  "do_not_call",
  "failed",
  "follow_up",
  "no_answer",
  "not_interested",
  "transferred",
  "wrong_number",
] as const;

export type OutcomeKey = (typeof OUTCOME_KEYS)[number] | "other";

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
