"use client";
import Link from "next/link";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import type { CampaignRow } from "./campaign-row";
import { formatCount, formatMinutes, formatWindow } from "@/lib/ui/format";
import { Freshness } from "@/components/freshness";
import { StatusBadge } from "@/components/status-badge";
import { Time } from "@/components/time";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type SortState = { sort: string; order: "asc" | "desc" };

type Column = { id: string; header: string; sort?: string; numeric?: boolean; cell: (c: CampaignRow) => React.ReactNode };

/**
 * The campaign list. A client component so that only the rows' data travels in the page's payload (its
 * HTML is still rendered on the server, from the same props, at the server's `now`). Sortable columns are
 * links (`sortHrefs`, by column): the list is sorted by the database, across pages, not in the browser;
 * each says its order with aria-sort.
 */
export function CampaignTable({
  campaigns,
  slug,
  timeZone,
  caption,
  sorting,
  sortHrefs,
  now: renderedAt,
}: {
  campaigns: CampaignRow[];
  slug: string;
  timeZone: string;
  caption: string;
  sorting?: SortState;
  sortHrefs?: Record<string, string>;
  /** the server's clock when it rendered the page (relative times read the same in the browser) */
  now: string;
}) {
  const now = new Date(renderedAt);
  const columns: Column[] = [
    {
      id: "name",
      header: "Name",
      sort: "name",
      cell: (c) => (
        <Link href={`/w/${slug}/campaigns/${c.id}`} className="font-medium hover:underline">
          {c.name}
        </Link>
      ),
    },
    { id: "status", header: "Status", sort: "status", cell: (c) => <StatusBadge status={c.status} /> },
    {
      id: "agent",
      header: "Agent",
      cell: (c) => c.agent_name ?? <span className="text-xs text-muted-foreground">{c.agent_id.slice(0, 8)}…</span>,
    },
    { id: "active", header: "Active", cell: (c) => (c.is_active === null ? "—" : c.is_active ? "Yes" : "No") },
    {
      id: "window",
      header: "Calling window",
      cell: (c) => (
        <span>
          {formatWindow(c.start_time, c.end_time)} <span className="text-xs text-muted-foreground">{c.timezone}</span>
        </span>
      ),
    },
    { id: "rate", header: "Calls / hour", cell: (c) => `${c.min_calls_per_hour}–${c.max_calls_per_hour}` },
    { id: "dials", header: "Dials", sort: "dials", numeric: true, cell: (c) => formatCount(c.dials) },
    { id: "pickups", header: "Pickups", sort: "total_pickups", numeric: true, cell: (c) => formatCount(c.total_pickups) },
    {
      id: "positive",
      header: "Positive",
      sort: "total_positive_outcomes",
      numeric: true,
      cell: (c) => formatCount(c.total_positive_outcomes),
    },
    { id: "minutes", header: "Minutes used", sort: "total_min_used", numeric: true, cell: (c) => formatMinutes(c.total_min_used) },
    {
      id: "updated",
      header: "Numbers",
      // only a campaign Nedzo has can have fresh numbers; the others have none to age
      cell: (c) =>
        c.status === "created" ? (
          <Freshness syncedAt={c.synced_at} stale={c.stale} timeZone={timeZone} now={now} />
        ) : (
          <span className="text-muted-foreground">—</span>
        ),
    },
    {
      id: "created_by",
      header: "Created by",
      cell: (c) => (
        <span>
          {c.creator_email ?? "—"}
          {c.via_workspace_name ? <span className="block text-xs text-muted-foreground">via {c.via_workspace_name}</span> : null}
        </span>
      ),
    },
    { id: "created", header: "Created", sort: "created_at", cell: (c) => <Time value={c.created_at} timeZone={timeZone} now={now} /> },
  ];
  return (
    <Table>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          {columns.map((col) => {
            const sortable = Boolean(col.sort && sortHrefs?.[col.sort] && sorting);
            const activeSort = sortable && sorting!.sort === col.sort;
            return (
              <TableHead
                key={col.id}
                className={col.numeric ? "text-right" : undefined}
                aria-sort={activeSort ? (sorting!.order === "asc" ? "ascending" : "descending") : undefined}
              >
                {sortable ? (
                  <Link
                    href={sortHrefs![col.sort!]}
                    className="-mx-1 inline-flex items-center gap-1 rounded px-1 hover:text-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                  >
                    {col.header}
                    {activeSort ? (
                      sorting!.order === "asc" ? (
                        <ArrowUp aria-hidden className="size-3.5" />
                      ) : (
                        <ArrowDown aria-hidden className="size-3.5" />
                      )
                    ) : (
                      <ArrowUpDown aria-hidden className="size-3.5 opacity-50" />
                    )}
                    <span className="sr-only">
                      {activeSort
                        ? `, sorted ${sorting!.order === "asc" ? "ascending" : "descending"}; sort the other way`
                        : ", sort by this column"}
                    </span>
                  </Link>
                ) : (
                  col.header
                )}
              </TableHead>
            );
          })}
        </TableRow>
      </TableHeader>
      <TableBody>
        {campaigns.map((c) => (
          <TableRow key={c.id}>
            {columns.map((col) => (
              <TableCell key={col.id} className={col.numeric ? "text-right tabular-nums" : undefined}>
                {col.cell(c)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
