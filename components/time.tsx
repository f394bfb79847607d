import { formatDateTime, formatRelative } from "@/lib/ui/format";

/**
 * The one way a time is shown: in the workspace's zone with the zone named ("12 Mar 2025, 14:05 CET"),
 * or relative when within a day ("12 min ago"), the exact time then on hover. Always a <time dateTime>.
 * `now` is the render's clock; pass one when the same page shows many times.
 */
export function Time({
  value,
  timeZone,
  now = new Date(),
  className,
}: {
  value: string | Date | null;
  timeZone: string;
  now?: Date;
  className?: string;
}) {
  if (!value) return <span className={className}>—</span>;
  const date = typeof value === "string" ? new Date(value) : value;
  const exact = formatDateTime(date, timeZone);
  const relative = formatRelative(date, now);
  return (
    <time dateTime={date.toISOString()} title={`${exact} (${timeZone})`} className={className} suppressHydrationWarning>
      {relative ?? exact}
    </time>
  );
}
