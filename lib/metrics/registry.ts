import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { registerDatabaseGauges } from "./database";

// This process's metrics. Request latency and create outcomes are counted here, per instance; the
// database-derived gauges (lib/metrics/database.ts) are read at scrape time and are the same on every
// instance. Kept on globalThis: Next may load this module once per bundle, and a metric registered twice
// would throw.

type Metrics = { registry: Registry; http: Histogram<"route" | "method" | "status_class">; creates: Counter<"outcome"> };
const holder = globalThis as unknown as { __campaignConsoleMetrics?: Metrics };

function make(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const http = new Histogram({
    name: "http_request_duration_seconds",
    help: "Time to answer an API request, by route pattern and status class (this instance).",
    labelNames: ["route", "method", "status_class"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const creates = new Counter({
    name: "campaign_creates_total",
    help: "Campaign creates settled by this instance, by outcome (created, failed, unknown).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  for (const outcome of ["created", "failed", "unknown"]) creates.inc({ outcome }, 0);
  registerDatabaseGauges(registry);
  return { registry, http, creates };
}

export const metrics = (): Metrics => (holder.__campaignConsoleMetrics ??= make());

/** 2xx, 3xx, 4xx, 5xx. */
export const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

export function observeRequest(method: string, route: string, status: number, seconds: number): void {
  metrics().http.observe({ route, method, status_class: statusClass(status) }, seconds);
}

/** A create settled (lib/campaigns/send.ts): created, failed or unknown. */
export function countCreate(status: string | null | undefined): void {
  const outcome = status === "created" || status === "failed" ? status : "unknown";
  metrics().creates.inc({ outcome });
}
