"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type CompareDatum = { label: string; dials: number; pickups: number; positive: number };

// Colours from the theme's variables (app/globals.css), so light and dark both read.
const tick = { fontSize: 12, fill: "var(--muted-foreground)" };
const line = { stroke: "var(--border)" };

/** Dials, pickups and positive outcomes side by side per row of a board. The table beside it has the same numbers. */
export default function PortfolioChart({ data }: { data: CompareDatum[] }) {
  return (
    <div className="h-64 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer={false} margin={{ left: 8, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="label" tick={tick} axisLine={line} tickLine={line} interval={0} />
          <YAxis allowDecimals={false} tick={tick} axisLine={line} tickLine={line} width={48} />
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
          />
          <Legend
            wrapperStyle={{ fontSize: 12 }}
            formatter={(value: string) => <span style={{ color: "var(--foreground)" }}>{value}</span>}
          />
          <Bar dataKey="dials" name="Dials" fill="var(--chart-1)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="pickups" name="Pickups" fill="var(--chart-2)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="positive" name="Positive outcomes" fill="var(--chart-3)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
