import { createHash } from "node:crypto";
import type { SandboxCampaignBody } from "./validate";

// Simulated calls: each created campaign places calls over time (60× faster than its max calls per
// hour), with outcomes drawn from a seeded generator, so the same campaign always tells the same story.
// A campaign named with `[history:N]` (N up to 1,000,000) also has N calls from the week before it was
// created: the documented way to make a large history for benches and demos.

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
/** Live calls a campaign places at most (its history comes on top). */
export const MAX_LIVE_CONVERSATIONS = 5000;
export const MAX_HISTORY = 1_000_000;
const HISTORY_SPAN_MS = 7 * 86_400_000;

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

/** The number of past calls a campaign's name asks for: `[history:N]`. */
export function historyOf(name: string): number {
  const m = /\[history:(\d{1,7})\]/i.exec(name);
  return m ? Math.min(MAX_HISTORY, Number(m[1])) : 0;
}

function conversation(campaign: SandboxCampaign, seed: string, started: number) {
  const outcome = pickOutcome(seed);
  const answered = outcome !== "no_answer" && outcome !== "failed" && outcome !== "wrong_number";
  const seconds = answered ? 30 + Math.round(seeded(`${seed}:len`) * 270) : 0;
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
    summary: answered
      ? `Simulated call, outcome: ${outcome.replaceAll("_", " ")}. The contact ${SUMMARIES[outcome] ?? "talked with the agent"}.`
      : null,
    transcript: answered
      ? `AI: Hello! This is ${campaign.name.replace(/\s*\[history:\d+\]/i, "")} calling from the Nedzo sandbox.\nContact: Hi, who is this?\nAI: A simulated call — outcome ${outcome.replaceAll("_", " ")}.`
      : null,
    recording_url: answered ? `https://sandbox.nedzo.invalid/recordings/${uuidFrom(`${seed}:rec`)}.mp3` : null,
    type: "outbound",
  };
}

const SUMMARIES: Record<string, string> = {
  appointment_booked: "booked an appointment for later this week",
  callback_requested: "asked to be called back tomorrow",
  follow_up: "wants a follow-up by email",
  not_interested: "was not interested",
  transferred: "was transferred to a person",
  do_not_call: "asked not to be called again",
};

export type SandboxConversation = ReturnType<typeof conversation>;

// Built once per campaign and extended as time passes, oldest first: listing a large history stays cheap.
const built = new WeakMap<SandboxCampaign, SandboxConversation[]>();

export function conversationsOf(campaign: SandboxCampaign, now: number): SandboxConversation[] {
  const history = historyOf(campaign.name);
  const perHour = Math.max(1, campaign.max_calls_per_hour);
  const intervalMs = Math.max(1000, 3_600_000 / perHour / 60);
  const live = Math.max(0, Math.min(MAX_LIVE_CONVERSATIONS, Math.floor((now - campaign.created_at) / intervalMs)));
  let list = built.get(campaign);
  if (!list) {
    list = [];
    for (let i = 0; i < history; i++) {
      list.push(
        conversation(
          campaign,
          `${campaign.id}:h${i}`,
          campaign.created_at - HISTORY_SPAN_MS + Math.floor((i * HISTORY_SPAN_MS) / Math.max(1, history)),
        ),
      );
    }
    built.set(campaign, list);
  }
  for (let i = list.length - history; i < live; i++) {
    list.push(conversation(campaign, `${campaign.id}:${i}`, campaign.created_at + (i + 1) * intervalMs));
  }
  return list.length > history + live ? list.slice(0, history + live) : list;
}

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
