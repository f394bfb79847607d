import { outcomeKey, type OutcomeKey } from "./outcomes";

// One conversation, read tolerantly: Nedzo's list item (snake_case), the same in camelCase, or either
// wrapped in `data` / `conversation` (webhook payloads are not documented beyond "the conversation").
// Unreadable fields become null; only the conversation id is required. Long texts are cut to a bound.

export type Conversation = {
  id: string;
  nedzoCampaignId: string | null;
  agentId: string | null;
  contactPhone: string | null;
  agentPhone: string | null;
  startedAt: Date | null;
  endedAt: Date | null;
  durationSeconds: number | null;
  outcome: string | null;
  outcomeKey: OutcomeKey;
  endedReason: string | null;
  appointmentAt: Date | null;
  summary: string | null;
  transcript: string | null;
  recordingUrl: string | null;
};

export const TEXT_LIMITS = { short: 255, summary: 8_000, transcript: 100_000, url: 2_048 } as const;

type Bag = Record<string, unknown>;

const isBag = (v: unknown): v is Bag => typeof v === "object" && v !== null && !Array.isArray(v);

/** The conversation object inside a payload: itself, or under `data`, `conversation`, `data.conversation`. */
export function unwrapConversation(payload: unknown): Bag | null {
  let node: unknown = payload;
  for (let depth = 0; depth < 3 && isBag(node); depth++) {
    if (idOf(node)) return node;
    node = isBag(node.conversation) ? node.conversation : node.data;
  }
  return null;
}

function pick(o: Bag, snake: string): unknown {
  if (snake in o) return o[snake];
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return o[camel];
}

function idOf(o: Bag): string | null {
  const v = pick(o, "id") ?? pick(o, "conversation_id");
  return typeof v === "string" && v.trim() && v.length <= 200 && !v.includes("\u0000")
    ? v.trim()
    : typeof v === "number"
      ? String(v)
      : null;
}

function text(v: unknown, max: number): string | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const s = String(v).replaceAll("\u0000", "");
  return s ? s.slice(0, max) : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuid = (v: unknown) => (typeof v === "string" && UUID.test(v) ? v.toLowerCase() : null);

function date(v: unknown): Date | null {
  if (typeof v !== "string" && typeof v !== "number") return null;
  const d = new Date(v);
  const year = d.getUTCFullYear();
  return Number.isNaN(d.getTime()) || year < 1970 || year > 9999 ? null : d;
}

function seconds(o: Bag): number | null {
  const s = Number(pick(o, "length_in_seconds"));
  if (Number.isFinite(s) && s >= 0 && s < 10_000_000) return Math.round(s);
  const m = Number(pick(o, "length_in_minutes"));
  return Number.isFinite(m) && m >= 0 && m < 200_000 ? Math.round(m * 60) : null;
}

/** Reads a conversation from whatever Nedzo sent; null when there is no conversation id. */
export function readConversation(payload: unknown): Conversation | null {
  const o = unwrapConversation(payload);
  if (!o) return null;
  const id = idOf(o)!;
  const outcome = text(pick(o, "outcome"), TEXT_LIMITS.short);
  return {
    id,
    nedzoCampaignId: uuid(pick(o, "campaign_id")),
    agentId: uuid(pick(o, "agent_id")),
    contactPhone: text(pick(o, "contact_phone_number") ?? pick(o, "contact_phone"), 64),
    agentPhone: text(pick(o, "agent_phone_number") ?? pick(o, "agent_phone"), 64),
    startedAt: date(pick(o, "started") ?? pick(o, "started_at")),
    endedAt: date(pick(o, "ended") ?? pick(o, "ended_at")),
    durationSeconds: seconds(o),
    outcome,
    outcomeKey: outcomeKey(outcome),
    endedReason: text(pick(o, "ended_reason"), TEXT_LIMITS.short),
    appointmentAt: date(pick(o, "appointment_date") ?? pick(o, "appointment_at")),
    summary: text(pick(o, "summary"), TEXT_LIMITS.summary),
    transcript: text(pick(o, "transcript"), TEXT_LIMITS.transcript),
    recordingUrl: text(pick(o, "recording_url"), TEXT_LIMITS.url),
  };
}
