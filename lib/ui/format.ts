// Display helpers shared by pages and client components.

const integer = new Intl.NumberFormat("en-US");
const minutes = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const formatCount = (n: number) => integer.format(n);
export const formatMinutes = (n: number) => `${minutes.format(n)} min`;
export const formatWindow = (start: string, end: string) => `${start.slice(0, 5)}–${end.slice(0, 5)}`;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { ...options, timeZone })));
  return f;
}

/** The zone's short name at that instant: "EST", "CET", "UTC", or "GMT+5:30" where it has none. */
export function zoneName(date: Date, timeZone: string): string {
  const named = (locale: string) =>
    formatter(locale, timeZone, { timeZoneName: "short" })
      .formatToParts(date)
      .find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  const us = named("en-US");
  return /^GMT[+-]/.test(us) ? named("en-GB") : us;
}

/** "12 Mar 2025, 14:05 CET": the instant in the zone, the zone named. */
export function formatDateTime(value: string | Date | null, timeZone = "UTC"): string {
  if (!value) return "—";
  const date = typeof value === "string" ? new Date(value) : value;
  const text = formatter("en-GB", timeZone, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(date);
  return `${text} ${zoneName(date, timeZone)}`;
}

const DAY = 86_400_000;

/** "just now", "12 min ago", "3 hours ago", "in 20 min" within a day of `now`; null further away. */
export function formatRelative(date: Date, now: Date): string | null {
  const diff = date.getTime() - now.getTime();
  const ago = diff <= 0;
  const abs = Math.abs(diff);
  if (abs >= DAY) return null;
  if (abs < 60_000) return ago ? "just now" : "in a moment";
  const mins = Math.round(abs / 60_000);
  const text = mins < 60 ? `${mins} min` : `${Math.round(mins / 60)} ${Math.round(mins / 60) === 1 ? "hour" : "hours"}`;
  return ago ? `${text} ago` : `in ${text}`;
}

/** The calendar date ("2025-03-12") of an instant in a zone. */
export function dateInZone(date: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    formatter("en-CA", timeZone, { year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The zone's offset from UTC at an instant, in ms (east positive). */
function offsetAt(instant: number, timeZone: string): number {
  const p = Object.fromEntries(
    formatter("en-US", timeZone, {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(instant))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant a wall-clock time of a zone happens (the first one, across a DST change). */
function zonedInstant(y: number, m: number, d: number, timeZone: string): number {
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone); // once more, in case the offset changed between the guess and the answer
  return t;
}

/**
 * A calendar day ("2025-03-12") in a zone as the RFC 3339 instants that bound it: its first millisecond and
 * its last. Null when the text is not such a day.
 */
export function zonedDayBounds(day: string, timeZone: string): { start: string; end: string } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || y < 1970 || y > 9999) return null;
  const next = new Date(Date.UTC(y, mo - 1, d + 1));
  const start = zonedInstant(y, mo, d, timeZone);
  const end = zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone) - 1;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

export const OUTCOME_LABELS = {
  outcome_appointment_booked: "Appointment booked",
  outcome_callback_requested: "Callback requested",
  outcome_transferred: "Transferred",
  outcome_follow_up: "Follow-up",
  outcome_not_interested: "Not interested",
  outcome_no_answer: "No answer",
  outcome_wrong_number: "Wrong number",
  outcome_do_not_call: "Do not call",
  outcome_failed: "Failed",
} as const;
