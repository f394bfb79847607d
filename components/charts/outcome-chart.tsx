"use client";
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { axisLine, tick, tooltipStyle } from "./theme";

export type OutcomeDatum = { label: string; value: number; color: string };

/** Calls by outcome side by side. Hidden from screen readers: the same numbers are in the table next to it. */
export default function OutcomeChart({ data }: { data: OutcomeDatum[] }) {
  return (
    <div className="h-72 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" accessibilityLayer={false} margin={{ left: 24, right: 16, top: 8, bottom: 8 }}>
          <CartesianGrid horizontal={false} strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis type="number" allowDecimals={false} tick={tick} axisLine={axisLine} tickLine={axisLine} />
          <YAxis type="category" dataKey="label" width={130} tick={tick} axisLine={axisLine} tickLine={axisLine} />
          <Tooltip cursor={{ fill: "var(--muted)" }} {...tooltipStyle} />
          <Bar dataKey="value" name="Calls" radius={[0, 4, 4, 0]} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.label} fill={d.color} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
