import { describe, expect, it } from "vitest";
import { readConversation, TEXT_LIMITS } from "@/lib/calls/conversation";

const item = {
  id: "conv-1",
  campaign_id: "3F1C2A4E-8B7D-4C55-9E21-6A0D5B7C9E11",
  agent_id: "7b2e9d10-4f3a-4e8b-a1c6-2d9f0e5b8a22",
  contact_phone_number: "+15550001234",
  agent_phone_number: "+15550100000",
  started: "2026-11-30T10:00:00Z",
  ended: "2026-11-30T10:02:30Z",
  ended_reason: "customer-ended-call",
  length_in_seconds: 150,
  outcome: "Appointment Booked",
  appointment_date: "2026-12-02T15:00:00Z",
  summary: "Booked for Wednesday.",
  transcript: "AI: Hello…",
  recording_url: "https://example.test/r.mp3",
};

describe("reading a conversation in the shapes Nedzo may send", () => {
  const camel = Object.fromEntries(Object.entries(item).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]));

  it.each([
    ["the list item itself", item],
    ["wrapped in data", { data: item }],
    ["wrapped in conversation", { conversation: item }],
    ["wrapped in data.conversation", { event: "conversation.ended", data: { conversation: item } }],
    ["in camelCase", camel],
    ["camelCase in data", { data: camel }],
  ])("%s", (_label, payload) => {
    const c = readConversation(payload)!;
    expect(c).toMatchObject({
      id: "conv-1",
      nedzoCampaignId: "3f1c2a4e-8b7d-4c55-9e21-6a0d5b7c9e11",
      contactPhone: "+15550001234",
      durationSeconds: 150,
      outcome: "Appointment Booked",
      outcomeKey: "appointment_booked",
      endedReason: "customer-ended-call",
    });
    expect(c.startedAt?.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(c.appointmentAt?.toISOString()).toBe("2026-12-02T15:00:00.000Z");
  });

  it.each([[null], ["text"], [[item]], [{}], [{ data: {} }], [{ id: "" }], [{ id: { nested: 1 } }], [{ id: "a\u0000b" }]])(
    "has no conversation id: %j",
    (payload) => {
      expect(readConversation(payload)).toBeNull();
    },
  );

  it("keeps unknown outcomes as other, reads minutes when seconds are missing, and drops what it cannot read", () => {
    const c = readConversation({ id: "x", outcome: "voicemail", length_in_minutes: 2.5, started: "not a date", campaign_id: "nope" })!;
    expect(c).toMatchObject({ outcome: "voicemail", outcomeKey: "other", durationSeconds: 150, startedAt: null, nedzoCampaignId: null });
  });

  it("cuts long texts to their bound", () => {
    const c = readConversation({ id: "x", transcript: "y".repeat(TEXT_LIMITS.transcript + 50), summary: "s".repeat(20_000) })!;
    expect(c.transcript).toHaveLength(TEXT_LIMITS.transcript);
    expect(c.summary).toHaveLength(TEXT_LIMITS.summary);
  });
});
