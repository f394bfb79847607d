import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { portfolio } from "@/lib/agencies/portfolio";
import { firstValues } from "@/lib/api/pagination";
import { formatCount, formatMinutes } from "@/lib/ui/format";
import { Freshness } from "@/components/freshness";
import { positiveRate } from "@/components/portfolio-figures";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

// The agency's board: one row per client, sorted on the server by any column (a link per header, with
// aria-sort), a totals row. A client that suspended the agency shows its name and "suspended", nothing else.

type Board = Awaited<ReturnType<typeof portfolio>>;
export type BoardRow = Board["rows"][number];
type Figures = Board["totals"];

const COLUMNS = [
  { id: "name", header: "Client", numeric: false },
  { id: "connection", header: "Nedzo", numeric: false },
  { id: "campaigns", header: "Campaigns", numeric: true },
  { id: "dials", header: "Dials", numeric: true },
  { id: "pickups", header: "Pickups", numeric: true },
  { id: "appointments", header: "Appointments", numeric: true },
  { id: "positive_rate", header: "Positive rate", numeric: true },
  { id: "minutes_today", header: "Minutes today", numeric: true },
  { id: "minutes", header: "Minutes", numeric: true },
  { id: "synced_at", header: "Updated", numeric: false },
] as const;
type Column = (typeof COLUMNS)[number]["id"];
export type BoardSort = { column: Column; order: "asc" | "desc" };

/** `sort` (a column) and `order` from the link; anything else is the default (client name, A→Z), with a note. */
export function readBoardSort(query: Record<string, string | string[] | undefined>): { sorting: BoardSort; ignored: string[] } {
  const raw = firstValues(query);
  const ignored: string[] = [];
  const column = COLUMNS.find((c) => c.id === raw.sort)?.id;
  if (raw.sort && !column) ignored.push("sort");
  const order = raw.order === "asc" || raw.order === "desc" ? raw.order : undefined;
  if (raw.order && !order) ignored.push("order");
  const c = column ?? "name";
  return { sorting: { column: c, order: order ?? naturalOrder(c) }, ignored };
}

/** Names A→Z; numbers and times largest (newest) first. */
const naturalOrder = (c: Column): "asc" | "desc" => (c === "name" || c === "connection" ? "asc" : "desc");

function valueOf(r: BoardRow, c: Column): number | string | null {
  switch (c) {
    case "name":
      return r.workspace.name.toLowerCase();
    case "connection":
      return r.connection ? (r.connection.needs_attention ? 0 : r.connection.connected ? 2 : 1) : null;
    case "positive_rate":
      return r.pickups ? (r.positive ?? 0) / r.pickups : null;
    case "synced_at":
      return r.synced_at;
    default:
      return r[c];
  }
}

/** The rows in the asked order; suspended clients (no figures) last either way, then by name. */
export function sortBoard(rows: BoardRow[], { column, order }: BoardSort): BoardRow[] {
  const sign = order === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [valueOf(a, column), valueOf(b, column)];
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else if (x !== y) return (x < y ? -1 : 1) * sign;
    return a.workspace.name.localeCompare(b.workspace.name);
  });
}

function Connection({ c }: { c: BoardRow["connection"] }) {
  if (!c) return null;
  if (c.needs_attention) return <Badge variant="destructive">Needs attention</Badge>;
  if (!c.connected) return <Badge variant="secondary">Not connected</Badge>;
  return <Badge variant="success">{c.mode === "sandbox" ? "Sandbox" : "Live"}</Badge>;
}

export function PortfolioBoard({
  rows,
  totals,
  sorting,
  sortHref,
  caption,
  timeZone,
  now,
  stale,
}: {
  rows: BoardRow[];
  totals: Figures;
  sorting: BoardSort;
  sortHref: (column: Column, order: "asc" | "desc") => string;
  caption: string;
  timeZone: string;
  now: Date;
  stale: (syncedAt: string | null, campaigns: number) => boolean;
}) {
  const figures = (f: Figures | BoardRow) => [
    formatCount(f.campaigns ?? 0),
    formatCount(f.dials ?? 0),
    formatCount(f.pickups ?? 0),
    formatCount(f.appointments ?? 0),
    positiveRate(f.positive, f.pickups),
    formatMinutes(f.minutes_today ?? 0),
    formatMinutes(f.minutes ?? 0),
  ];
  return (
    <Table>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {COLUMNS.map((col) => {
            const active = sorting.column === col.id;
            const next = active ? (sorting.order === "asc" ? "desc" : "asc") : naturalOrder(col.id);
            return (
              <TableHead
                key={col.id}
                className={col.numeric ? "text-right" : undefined}
                aria-sort={active ? (sorting.order === "asc" ? "ascending" : "descending") : undefined}
              >
                <Link
                  href={sortHref(col.id, next)}
                  className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                >
                  {col.header}
                  {active ? (
                    sorting.order === "asc" ? (
                      <ArrowUp aria-hidden className="size-3.5" />
                    ) : (
                      <ArrowDown aria-hidden className="size-3.5" />
                    )
                  ) : (
                    <ArrowUpDown aria-hidden className="size-3.5 opacity-50" />
                  )}
                  <span className="sr-only">
                    {active
                      ? `, sorted ${sorting.order === "asc" ? "ascending" : "descending"}; sort the other way`
                      : ", sort by this column"}
                  </span>
                </Link>
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) =>
          r.suspended ? (
            // suspended by the client: its name and that it is suspended, nothing of its own
            <TableRow key={r.workspace.id} data-client={r.workspace.name}>
              <TableHead scope="row" className="text-sm font-medium text-foreground">
                {r.workspace.name}
              </TableHead>
              <TableCell colSpan={COLUMNS.length - 1}>
                <Badge variant="destructive">Suspended by the client</Badge>
              </TableCell>
            </TableRow>
          ) : (
            <TableRow key={r.workspace.id} data-client={r.workspace.name}>
              <TableHead scope="row" className="text-sm font-medium text-foreground">
                <Link href={`/w/${r.workspace.slug}`} className="hover:underline">
                  {r.workspace.name}
                </Link>
              </TableHead>
              <TableCell>
                <Connection c={r.connection} />
              </TableCell>
              {figures(r).map((v, i) => (
                <TableCell key={i} className="text-right tabular-nums">
                  {v}
                </TableCell>
              ))}
              <TableCell>
                {(r.campaigns ?? 0) > 0 ? (
                  <Freshness syncedAt={r.synced_at} stale={stale(r.synced_at, r.campaigns ?? 0)} timeZone={timeZone} now={now} />
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </TableCell>
            </TableRow>
          ),
        )}
      </TableBody>
      <tfoot className="border-t bg-muted/40 font-medium">
        <TableRow data-totals>
          <TableHead scope="row" className="text-sm font-semibold text-foreground">
            Total
          </TableHead>
          <TableCell />
          {figures(totals).map((v, i) => (
            <TableCell key={i} className="text-right tabular-nums">
              {v}
            </TableCell>
          ))}
          <TableCell />
        </TableRow>
      </tfoot>
    </Table>
  );
}
