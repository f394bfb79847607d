import { formatCount, formatMinutes } from "@/lib/ui/format";
import { Freshness } from "@/components/freshness";

// A workspace's figures as the portfolio API computes them (lib/agencies/portfolio.ts), with what each one
// means said where the numbers are.

export type FiguresJson = {
  campaigns: number;
  dials: number;
  pickups: number;
  appointments: number;
  positive: number;
  minutes: number;
  minutes_today: number;
  synced_at: string | null;
};

/** Positive outcomes per pickup: a positive outcome needs someone on the line. "—" before any pickup. */
export function positiveRate(positive: number | null, pickups: number | null): string {
  if (positive === null || pickups === null || pickups === 0) return "—";
  return `${Math.round((positive / pickups) * 1000) / 10}%`;
}

export const FIGURE_DEFINITIONS = [
  ["Dials", "every call placed"],
  ["Pickups", "calls that connected (lasted more than zero seconds)"],
  ["Positive outcomes", "appointment booked, callback requested or transferred"],
  ["Positive rate", "positive outcomes ÷ pickups"],
  ["Minutes today", "call minutes that started today in this workspace's time zone, whatever the range"],
] as const;

export function PortfolioFigures({
  figures,
  rangeLabel,
  stale,
  timeZone,
  now,
}: {
  figures: FiguresJson;
  rangeLabel: string;
  stale: boolean;
  timeZone: string;
  now: Date;
}) {
  const items: [string, string][] = [
    ["Campaigns", formatCount(figures.campaigns)],
    ["Dials", formatCount(figures.dials)],
    ["Pickups", formatCount(figures.pickups)],
    ["Appointments", formatCount(figures.appointments)],
    ["Positive outcomes", formatCount(figures.positive)],
    ["Positive rate", positiveRate(figures.positive, figures.pickups)],
    ["Minutes today", formatMinutes(figures.minutes_today)],
    [`Minutes (${rangeLabel.toLowerCase()})`, formatMinutes(figures.minutes)],
  ];
  return (
    <div className="grid gap-3">
      <dl aria-label={`Figures, ${rangeLabel.toLowerCase()}`} className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {items.map(([label, value]) => (
          <div key={label} className="rounded-md border bg-card px-3 py-2">
            <dt className="text-xs text-muted-foreground">{label}</dt>
            <dd className="text-xl font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <Freshness syncedAt={figures.synced_at} stale={stale} timeZone={timeZone} now={now} />
    </div>
  );
}

/** What the numbers mean, once per page, next to them. */
export function FigureDefinitions({ className }: { className?: string }) {
  return (
    <details className={className}>
      <summary className="cursor-pointer text-xs text-muted-foreground underline-offset-4 hover:underline">
        What these numbers count
      </summary>
      <dl className="mt-2 grid gap-1 text-xs text-muted-foreground sm:grid-cols-[max-content_1fr] sm:gap-x-3">
        {FIGURE_DEFINITIONS.map(([term, meaning]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-foreground">{term}</dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
