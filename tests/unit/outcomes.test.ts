import { describe, expect, it } from "vitest";
import { outcomeKey } from "@/lib/calls/outcomes";

describe("outcome strings map onto the nine keys tolerantly", () => {
  it.each([
    ["appointment_booked", "appointment_booked"],
    ["Appointment Booked", "appointment_booked"],
    ["appointment-booked", "appointment_booked"],
    ["  APPOINTMENT  booked ", "appointment_booked"],
    ["outcome_no_answer", "no_answer"],
    ["No-Answer", "no_answer"],
    ["DoNotCall", "do_not_call"],
    ["do not call", "do_not_call"],
    ["wrong number", "wrong_number"],
    ["Transferred", "transferred"],
  ])("%s → %s", (raw, key) => expect(outcomeKey(raw)).toBe(key));

  it.each([["voicemail"], [""], ["booked"], [null], [42], ["no answer please"]])("%s → other, never dropped", (raw) => {
    expect(outcomeKey(raw)).toBe("other");
  });
});
