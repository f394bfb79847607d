"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type OutcomeDatum = { label: string; value: number };

/** The nine outcome counters side by side. The same numbers are in the table next to it, for screen readers. */
export function OutcomeChart({ data }: { data: OutcomeDatum[] }) {
  return (
    <div className="h-72 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 24, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" className="stroke-border" />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} className="fill-muted-foreground" />
          <YAxis type="category" dataKey="label" width={130} tick={{ fontSize: 12 }} className="fill-muted-foreground" />
          <Tooltip cursor={{ className: "fill-muted" }} contentStyle={{ fontSize: 12 }} />
          <Bar dataKey="value" name="Calls" fill="var(--chart-2)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
