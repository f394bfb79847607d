"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OUTCOME_COLORS, OUTCOME_NAMES, type OutcomeKeyName } from "./outcomes";
import { axisLine, tick, tooltipStyle } from "./theme";

export type TimeDatum = { label: string } & Partial<Record<OutcomeKeyName, number>>;

/**
 * Calls per hour or day, stacked by outcome. Hidden from screen readers: the same numbers are in a table
 * under it. Only the outcomes that occur are drawn (and named in the legend).
 */
export default function CallsOverTimeChart({ data, keys }: { data: TimeDatum[]; keys: OutcomeKeyName[] }) {
  return (
    <div className="h-72 w-full" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} accessibilityLayer={false} margin={{ left: 0, right: 8, top: 8, bottom: 8 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis dataKey="label" tick={tick} axisLine={axisLine} tickLine={axisLine} minTickGap={16} />
          <YAxis allowDecimals={false} tick={tick} axisLine={axisLine} tickLine={axisLine} width={40} />
          <Tooltip cursor={{ fill: "var(--muted)" }} {...tooltipStyle} />
          <Legend
            iconType="square"
            wrapperStyle={{ fontSize: 12 }}
            formatter={(value: string) => <span style={{ color: "var(--foreground)" }}>{value}</span>}
          />
          {keys.map((k) => (
            <Bar key={k} dataKey={k} name={OUTCOME_NAMES[k]} stackId="calls" fill={OUTCOME_COLORS[k]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
