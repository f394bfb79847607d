import { Clock } from "lucide-react";
import { Time } from "@/components/time";
import { Badge } from "@/components/ui/badge";

/**
 * How fresh a campaign's numbers are: "updated 2 min ago" (the moment they were last confirmed against
 * Nedzo), and a "stale" badge when that is longer ago than the sync schedule allows. `stale` is decided on
 * the server (lib/calls/freshness.ts), so every page draws the line in the same place.
 */
export function Freshness({
  syncedAt,
  stale,
  timeZone,
  now,
  className,
}: {
  syncedAt: string | Date | null;
  stale: boolean;
  timeZone: string;
  now: Date;
  className?: string;
}) {
  return (
    <span className={className}>
      <span className="inline-flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
        {syncedAt ? (
          <span>
            updated <Time value={syncedAt} timeZone={timeZone} now={now} />
          </span>
        ) : (
          <span>not synced yet</span>
        )}
        {stale && syncedAt ? (
          <Badge variant="warning" title="These numbers are older than the sync schedule allows: Nedzo may have more calls.">
            <Clock aria-hidden className="size-3" /> stale
          </Badge>
        ) : null}
      </span>
    </span>
  );
}
