"use client";
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";

// recharts is loaded after the page, only where a chart is drawn: it stays out of the first-load JS. The
// numbers are in the server-rendered tables beside each chart, so nothing is lost while it loads.
const chartSkeleton = () => <Skeleton className="h-72 w-full" />;

export const LazyOutcomeChart = dynamic(() => import("./outcome-chart"), { ssr: false, loading: chartSkeleton });
export const LazyCallsOverTimeChart = dynamic(() => import("./calls-over-time-chart"), { ssr: false, loading: chartSkeleton });
