import type { ReactNode } from "react";
import { Card, CardContent, CardHeader } from "./ui/card";
import { Skeleton } from "./ui/skeleton";

// What a workspace page looks like while it loads (its loading.tsx): the page's shape in grey, and one
// status line for screen readers.

function Loading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="grid gap-4">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

function TableRows({ rows = 6, columns = 6 }: { rows?: number; columns?: number }) {
  return (
    <div className="grid gap-3 p-4">
      {Array.from({ length: rows }, (_, r) => (
        <div key={r} className="grid gap-4" style={{ gridTemplateColumns: `2fr repeat(${columns - 1}, 1fr)` }}>
          {Array.from({ length: columns }, (_, c) => (
            <Skeleton key={c} className="h-5" />
          ))}
        </div>
      ))}
    </div>
  );
}

export function TableSkeleton({ label, filters = true }: { label: string; filters?: boolean }) {
  return (
    <Loading label={label}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Skeleton className="h-7 w-40" />
        {filters ? <Skeleton className="h-9 w-80" /> : null}
      </div>
      <Card>
        <CardContent className="p-0">
          <TableRows />
        </CardContent>
      </Card>
    </Loading>
  );
}

export function CampaignSkeleton() {
  return (
    <Loading label="Loading the campaign…">
      <Skeleton className="h-4 w-28" />
      <Skeleton className="h-8 w-72" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-5">
        <Skeleton className="h-80 lg:col-span-3" />
        <Skeleton className="h-80 lg:col-span-2" />
      </div>
    </Loading>
  );
}

export function CardsSkeleton({ label, cards = 2, columns = false }: { label: string; cards?: number; columns?: boolean }) {
  return (
    <Loading label={label}>
      <div className={columns ? "grid gap-6 lg:grid-cols-2" : "grid gap-6"}>
        {Array.from({ length: cards }, (_, i) => (
          <Card key={i}>
            <CardHeader className="grid gap-2">
              <Skeleton className="h-5 w-40" />
              <Skeleton className="h-4 w-72 max-w-full" />
            </CardHeader>
            <CardContent>
              <TableRows rows={3} columns={3} />
            </CardContent>
          </Card>
        ))}
      </div>
    </Loading>
  );
}
