import { createHash } from "node:crypto";
import type { SandboxCampaignBody } from "./validate";

// Simulated calls: each created campaign places calls over time (60× faster than its max calls per
// hour), with outcomes drawn from a seeded generator, so the same campaign always tells the same story.

export type SandboxCampaign = SandboxCampaignBody & { id: string; token: string; created_at: number };

const OUTCOMES: [string, number][] = [
  ["no_answer", 34],
  ["not_interested", 18],
  ["follow_up", 12],
  ["appointment_booked", 9],
  ["callback_requested", 8],
  ["failed", 6],
  ["wrong_number", 5],
  ["transferred", 4],
  ["do_not_call", 4],
];
const TOTAL_WEIGHT = OUTCOMES.reduce((s, [, w]) => s + w, 0);
const MAX_CONVERSATIONS = 500;

function seeded(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 0xffffffff;
}

function pickOutcome(seed: string): string {
  let roll = seeded(seed) * TOTAL_WEIGHT;
  for (const [outcome, weight] of OUTCOMES) {
    roll -= weight;
    if (roll <= 0) return outcome;
  }
  return "no_answer";
}

function uuidFrom(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function conversationsOf(campaign: SandboxCampaign, now: number) {
  const perHour = Math.max(1, campaign.max_calls_per_hour);
  const intervalMs = Math.max(1000, (3_600_000 / perHour) / 60);
  const count = Math.min(MAX_CONVERSATIONS, Math.floor((now - campaign.created_at) / intervalMs));
  return Array.from({ length: count }, (_, i) => {
    const seed = `${campaign.id}:${i}`;
    const outcome = pickOutcome(seed);
    const answered = outcome !== "no_answer" && outcome !== "failed" && outcome !== "wrong_number";
    const seconds = answered ? 30 + Math.round(seeded(`${seed}:len`) * 270) : 0;
    const started = campaign.created_at + (i + 1) * intervalMs;
    return {
      id: uuidFrom(seed),
      campaign_id: campaign.id,
      agent_id: campaign.agent_id,
      contact_id: uuidFrom(`${seed}:contact`),
      call_id: uuidFrom(`${seed}:call`),
      agent_phone_number: "+15550100000",
      contact_phone_number: `+1555${String(Math.floor(seeded(`${seed}:phone`) * 1e7)).padStart(7, "0")}`,
      started: new Date(started).toISOString(),
      ended: new Date(started + seconds * 1000).toISOString(),
      ended_reason: answered ? "customer-ended-call" : outcome === "failed" ? "error" : "no-answer",
      length_in_seconds: seconds,
      length_in_minutes: Math.round((seconds / 60) * 100) / 100,
      outcome,
      appointment_date: outcome === "appointment_booked" ? new Date(started + 86_400_000 * 2).toISOString() : null,
      summary: answered ? `Simulated call, outcome: ${outcome.replaceAll("_", " ")}.` : null,
      transcript: answered ? "AI: Hello! This is a simulated call from the Nedzo sandbox." : null,
      recording_url: null,
      type: "outbound",
    };
  });
}

export type SandboxConversation = ReturnType<typeof conversationsOf>[number];

/** Campaign counters derived from its conversations, as Nedzo reports them. */
export function countersOf(conversations: SandboxConversation[], now: number) {
  const counters: Record<string, number> = Object.fromEntries(OUTCOMES.map(([o]) => [`outcome_${o}`, 0]));
  let minutes = 0;
  let today = 0;
  let pickups = 0;
  const dayStart = new Date(now).setUTCHours(0, 0, 0, 0);
  for (const c of conversations) {
    counters[`outcome_${c.outcome}`] += 1;
    minutes += c.length_in_minutes;
    if (Date.parse(c.started) >= dayStart) today += c.length_in_minutes;
    if (c.length_in_seconds > 0) pickups += 1;
  }
  const positive = counters.outcome_appointment_booked + counters.outcome_callback_requested + counters.outcome_transferred;
  return {
    dials: conversations.length,
    ...counters,
    total_min_used: Math.round(minutes * 100) / 100,
    total_min_used_today: Math.round(today * 100) / 100,
    total_pickups: pickups,
    total_positive_outcomes: positive,
  };
}
