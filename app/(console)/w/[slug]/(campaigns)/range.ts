import "server-only";
import { firstValues, parseQueryLeniently, portfolioQuery } from "@/lib/api/pagination";
import { dateInZone, zonedDayBounds } from "@/lib/ui/format";

// The date range of a home page's figures: `from` / `to` days in the workspace's zone (an instant in the
// link is taken as it is), read by the portfolio API's own schema. Presets are days counted back from today.

export type Range = {
  from?: Date;
  to?: Date;
  /** the days as shown in the form (YYYY-MM-DD), or "" */
  fromDay: string;
  toDay: string;
  /** the preset this range is, if any */
  preset: Preset | null;
  ignored: string[];
};

export const PRESETS = [
  { id: "7d", label: "Last 7 days", days: 7 },
  { id: "30d", label: "Last 30 days", days: 30 },
  { id: "all", label: "All time", days: 0 },
] as const;
export type Preset = (typeof PRESETS)[number]["id"];

const DAY_MS = 86_400_000;

/** The days of a preset, today included, in a zone (`{}` for all time). */
export function presetDays(preset: Preset, timeZone: string, now = new Date()): { from?: string; to?: string } {
  const days = PRESETS.find((p) => p.id === preset)!.days;
  if (!days) return {};
  return { from: dateInZone(new Date(now.getTime() - (days - 1) * DAY_MS), timeZone), to: dateInZone(now, timeZone) };
}

export function readRange(query: Record<string, string | string[] | undefined>, timeZone: string, now = new Date()): Range {
  const raw = firstValues(query);
  const zoned = { from: raw.from, to: raw.to };
  if (raw.from) zoned.from = zonedDayBounds(raw.from, timeZone)?.start ?? raw.from;
  if (raw.to) zoned.to = zonedDayBounds(raw.to, timeZone)?.end ?? raw.to;
  const { query: q, ignored } = parseQueryLeniently(portfolioQuery, zoned);
  const dayOf = (value: string | undefined, at: Date | undefined) =>
    value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : at ? dateInZone(at, timeZone) : "";
  const fromDay = dayOf(q.from && raw.from, q.from);
  const toDay = dayOf(q.to && raw.to, q.to);
  const preset =
    PRESETS.find((p) => {
      const days = presetDays(p.id, timeZone, now);
      return (days.from ?? "") === fromDay && (days.to ?? "") === toDay;
    })?.id ?? null;
  return { from: q.from, to: q.to, fromDay, toDay, preset, ignored: ignored.map((e) => e.path) };
}
