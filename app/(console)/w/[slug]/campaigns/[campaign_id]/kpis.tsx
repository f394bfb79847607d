import type { ReactNode } from "react";
import type { CampaignJson } from "@/lib/api/serialize";
import { formatCount, formatMinutes } from "@/lib/ui/format";

// The campaign's headline numbers, each with its definition in plain words beside it (lib/calls/counters.ts
// computes them from the calls mirror), so nobody has to guess what a rate is a rate of.

const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const rate = (part: number, whole: number) => (whole > 0 ? percent.format(part / whole) : "—");

function Kpi({ id, label, value, children }: { id: string; label: string; value: ReactNode; children: ReactNode }) {
  return (
    <div className="grid content-start gap-1 rounded-xl border bg-card p-4 text-card-foreground shadow-sm">
      <dt id={`kpi-${id}`} className="text-xs font-medium text-muted-foreground">
        {label}
      </dt>
      <dd className="text-2xl font-semibold tabular-nums" data-kpi={id}>
        {value}
      </dd>
      <dd className="text-xs text-muted-foreground">{children}</dd>
    </div>
  );
}

/** Minutes used today against the daily usage cap, as a bar and as text. */
function UsageToday({ used, cap }: { used: number; cap: number | null }) {
  if (cap === null) return <>{formatMinutes(used)} · No cap</>;
  const share = cap > 0 ? Math.min(1, used / cap) : 1;
  return (
    <span className="grid gap-1.5">
      <span>
        {formatMinutes(used)} of {formatCount(cap)} min
      </span>
      <span
        role="progressbar"
        aria-labelledby="kpi-today"
        aria-valuemin={0}
        aria-valuemax={cap}
        aria-valuenow={Math.min(used, cap)}
        aria-valuetext={`${formatMinutes(used)} of ${formatCount(cap)} min (${percent.format(share)})`}
        className="block h-2 w-full overflow-hidden rounded-full bg-muted"
      >
        <span
          className={`block h-full rounded-full ${share >= 1 ? "bg-destructive" : "bg-primary"}`}
          style={{ width: `${share * 100}%` }}
        />
      </span>
    </span>
  );
}

export function Kpis({ c }: { c: CampaignJson }) {
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
      <Kpi id="pickup-rate" label="Pickup rate" value={rate(c.total_pickups, c.dials)}>
        Pickups ÷ dials: {formatCount(c.total_pickups)} of {formatCount(c.dials)} calls connected (lasted more than 0 s).
      </Kpi>
      <Kpi id="positive-rate" label="Positive-outcome rate" value={rate(c.total_positive_outcomes, c.total_pickups)}>
        Positive outcomes ÷ pickups: {formatCount(c.total_positive_outcomes)} appointments booked, callbacks requested or transfers.
      </Kpi>
      <Kpi id="appointments" label="Appointments booked" value={formatCount(c.outcome_appointment_booked)}>
        Calls whose outcome was an appointment booked.
      </Kpi>
      <Kpi id="today" label="Minutes used today" value={formatMinutes(c.total_min_used_today)}>
        <UsageToday used={c.total_min_used_today} cap={c.daily_usage_cap} />
        <span className="mt-1 block">Calls started today in the workspace&apos;s time zone, against the daily usage cap.</span>
      </Kpi>
      <Kpi id="minutes" label="Total minutes" value={formatMinutes(c.total_min_used)}>
        Every call&apos;s duration, added up, over {formatCount(c.dials)} dials.
      </Kpi>
    </dl>
  );
}
