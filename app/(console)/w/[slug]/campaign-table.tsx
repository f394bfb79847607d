"use client";
import Link from "next/link";
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import type { CampaignJson } from "@/lib/api/serialize";
import { formatCount, formatDateTime, formatMinutes, formatWindow } from "@/lib/ui/format";
import { StatusBadge } from "@/components/status-badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const col = createColumnHelper<CampaignJson>();
const num = "text-right tabular-nums";

export function CampaignTable({ campaigns, slug, timeZone, caption }: { campaigns: CampaignJson[]; slug: string; timeZone: string; caption: string }) {
  const columns = [
    col.accessor("name", {
      header: "Name",
      cell: (c) => (
        <Link href={`/w/${slug}/campaigns/${c.row.original.id}`} className="font-medium hover:underline">
          {c.getValue()}
        </Link>
      ),
    }),
    col.accessor("status", { header: "Status", cell: (c) => <StatusBadge status={c.getValue()} /> }),
    col.accessor("is_active", { header: "Active", cell: (c) => (c.getValue() === null ? "—" : c.getValue() ? "Yes" : "No") }),
    col.display({ id: "window", header: `Window (${timeZone})`, cell: (c) => formatWindow(c.row.original.start_time, c.row.original.end_time) }),
    col.display({ id: "rate", header: "Calls / hour", cell: (c) => `${c.row.original.min_calls_per_hour}–${c.row.original.max_calls_per_hour}` }),
    col.accessor("dials", { header: "Dials", cell: (c) => formatCount(c.getValue()), meta: num }),
    col.accessor("total_pickups", { header: "Pickups", cell: (c) => formatCount(c.getValue()), meta: num }),
    col.accessor("total_positive_outcomes", { header: "Positive", cell: (c) => formatCount(c.getValue()), meta: num }),
    col.accessor("total_min_used", { header: "Minutes used", cell: (c) => formatMinutes(c.getValue()), meta: num }),
    col.accessor("created_by", {
      header: "Created by",
      cell: (c) => (
        <span>
          {c.getValue()?.email ?? "—"}
          {c.row.original.via_workspace_name ? <span className="block text-xs text-muted-foreground">via {c.row.original.via_workspace_name}</span> : null}
        </span>
      ),
    }),
    col.accessor("created_at", { header: "Created", cell: (c) => formatDateTime(c.getValue(), timeZone) }),
  ];
  const table = useReactTable({ data: campaigns, columns, getCoreRowModel: getCoreRowModel() });
  return (
    <Table>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        {table.getHeaderGroups().map((g) => (
          <TableRow key={g.id}>
            {g.headers.map((h) => (
              <TableHead key={h.id} scope="col" className={(h.column.columnDef.meta as string) ?? ""}>
                {flexRender(h.column.columnDef.header, h.getContext())}
              </TableHead>
            ))}
          </TableRow>
        ))}
      </TableHeader>
      <TableBody>
        {table.getRowModel().rows.map((row) => (
          <TableRow key={row.id}>
            {row.getVisibleCells().map((cell) => (
              <TableCell key={cell.id} className={(cell.column.columnDef.meta as string) ?? ""}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
