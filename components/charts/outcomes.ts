import { outcomeKeys } from "@/db/calls-schema";

// The ten outcome keys as people read them, in the order charts stack and tables list them (good news
// first, `other` last), each with a colour that reads on the light and the dark background. The charts are
// hidden from screen readers; the same numbers are in a table beside each.

export type OutcomeKeyName = (typeof outcomeKeys)[number];

export const OUTCOME_ORDER: readonly OutcomeKeyName[] = [
  "appointment_booked",
  "callback_requested",
  "transferred",
  "follow_up",
  "not_interested",
  "no_answer",
  "wrong_number",
  "do_not_call",
  "failed",
  "other",
];

export const OUTCOME_NAMES: Record<OutcomeKeyName, string> = {
  appointment_booked: "Appointment booked",
  callback_requested: "Callback requested",
  transferred: "Transferred",
  follow_up: "Follow-up",
  not_interested: "Not interested",
  no_answer: "No answer",
  wrong_number: "Wrong number",
  do_not_call: "Do not call",
  failed: "Failed",
  other: "Other",
};

export const OUTCOME_COLORS: Record<OutcomeKeyName, string> = {
  appointment_booked: "oklch(0.62 0.17 150)",
  callback_requested: "oklch(0.66 0.12 185)",
  transferred: "oklch(0.58 0.15 250)",
  follow_up: "oklch(0.6 0.17 300)",
  not_interested: "oklch(0.72 0.15 60)",
  no_answer: "oklch(0.66 0.02 260)",
  wrong_number: "oklch(0.82 0.15 95)",
  do_not_call: "oklch(0.6 0.2 25)",
  failed: "oklch(0.45 0.12 30)",
  other: "oklch(0.72 0.12 350)",
};

export const isOutcomeKey = (s: string): s is OutcomeKeyName => (outcomeKeys as readonly string[]).includes(s);
