import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

export type PresetLink = { label: string; href: string; current: boolean };

/**
 * A home page's date range: presets as links (the current one marked), and two days in the workspace's
 * zone. `keep` are the page's other search params (sort, filters), carried through the form.
 */
export function PortfolioRange({
  action,
  presets,
  fromDay,
  toDay,
  keep,
  zone,
}: {
  action: string;
  presets: PresetLink[];
  fromDay: string;
  toDay: string;
  keep: Record<string, string>;
  zone: string;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <nav aria-label="Date range" className="flex flex-wrap gap-1">
        {presets.map((p) => (
          <Button key={p.label} asChild size="sm" variant={p.current ? "default" : "outline"}>
            <Link href={p.href} aria-current={p.current ? "true" : undefined}>
              {p.label}
            </Link>
          </Button>
        ))}
      </nav>
      <form action={action} className="flex flex-wrap items-end gap-2" aria-label="Choose the days">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <div className="grid gap-1">
          <Label htmlFor="range-from">From</Label>
          <Input id="range-from" name="from" type="date" defaultValue={fromDay} aria-describedby="range-zone" className="w-40" />
        </div>
        <div className="grid gap-1">
          <Label htmlFor="range-to">To</Label>
          <Input id="range-to" name="to" type="date" defaultValue={toDay} aria-describedby="range-zone" className="w-40" />
        </div>
        <Button type="submit" variant="secondary" size="sm">
          Show these days
        </Button>
        <p id="range-zone" className="w-full text-xs text-muted-foreground">
          Days are in this workspace&apos;s time zone ({zone}).
        </p>
      </form>
    </div>
  );
}
