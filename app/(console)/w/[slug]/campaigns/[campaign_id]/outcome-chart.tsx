"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type OutcomeDatum = { label: string; value: number };

// Colours from the theme's variables (app/globals.css), so light and dark both read: recharts draws SVG
// attributes, which take var() as they are.
const tick = { fontSize: 12, fill: "var(--muted-foreground)" };
const line = { stroke: "var(--border)" };

/** The nine outcome counters side by side. The same numbers are in the table next to it, for screen readers. */
export function OutcomeChart({ data }: { data: OutcomeDatum[] }) {
  return (
    <div className="h-72 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 24, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" allowDecimals={false} tick={tick} axisLine={line} tickLine={line} />
          <YAxis type="category" dataKey="label" width={130} tick={tick} axisLine={line} tickLine={line} />
          <Tooltip
            cursor={{ fill: "var(--muted)" }}
            contentStyle={{
              fontSize: 12,
              background: "var(--popover)",
              color: "var(--popover-foreground)",
              border: "1px solid var(--border)",
              borderRadius: 6,
            }}
            labelStyle={{ color: "var(--popover-foreground)" }}
            itemStyle={{ color: "var(--popover-foreground)" }}
          />
          <Bar dataKey="value" name="Calls" fill="var(--chart-2)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
