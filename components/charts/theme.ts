// Chart styling from the theme's variables (app/globals.css), so light and dark both read: recharts draws
// SVG attributes, which take var() as they are.
export const tick = { fontSize: 12, fill: "var(--muted-foreground)" };
export const axisLine = { stroke: "var(--border)" };
export const tooltipStyle = {
  contentStyle: {
    fontSize: 12,
    background: "var(--popover)",
    color: "var(--popover-foreground)",
    border: "1px solid var(--border)",
    borderRadius: 6,
  },
  labelStyle: { color: "var(--popover-foreground)" },
  itemStyle: { color: "var(--popover-foreground)" },
};
