"use client";
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import type { CompareDatum } from "./portfolio-chart";

export type { CompareDatum };

// recharts is loaded only when a chart is on screen, after the page: it stays out of the first-load JS.
const Chart = dynamic(() => import("./portfolio-chart"), { ssr: false, loading: () => <Skeleton className="h-64 w-full" /> });

export function PortfolioCompareChart({ data }: { data: CompareDatum[] }) {
  return <Chart data={data} />;
}
