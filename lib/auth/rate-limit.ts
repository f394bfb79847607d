import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { sha256 } from "@/lib/crypto";
import { addressLimitKey, clientAddress, UNSTAMPED } from "@/lib/http/client-address";

// Fixed-window limits kept in the database, so every app instance counts together. Keys are hashed: an
// email address or IP is never stored in this table.

export type Limit = { name: string; max: number; windowSec: number };

export const SIGN_IN_PER_ADDRESS: Limit = { name: "sign-in:address", max: 5, windowSec: 15 * 60 };
export const SIGN_IN_PER_IP: Limit = { name: "sign-in:ip", max: 20, windowSec: 15 * 60 };

export type Verdict = { ok: true } | { ok: false; retryAfterSec: number };

function rows<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

const windowStart = (limit: Limit) =>
  sql`to_timestamp(floor(extract(epoch from clock_timestamp()) / ${limit.windowSec}) * ${limit.windowSec})`;

function verdict(limit: Limit, count: number, secondsLeft: number): Verdict {
  return count > limit.max ? { ok: false, retryAfterSec: Math.max(1, Math.ceil(secondsLeft)) } : { ok: true };
}

/** Counts one use and says whether it is within the limit. */
export async function consume(limit: Limit, subject: string): Promise<Verdict> {
  const key = `${limit.name}:${sha256(subject.toLowerCase())}`;
  const result = await getDb().execute(sql`
    insert into rate_limits (key, window_start, count) values (${key}, ${windowStart(limit)}, 1)
    on conflict (key, window_start) do update set count = rate_limits.count + 1
    returning count, extract(epoch from (window_start + make_interval(secs => ${limit.windowSec}) - clock_timestamp()))::float8 as left_sec`);
  const row = rows<{ count: number; left_sec: number }>(result)[0];
  return verdict(limit, Number(row.count), Number(row.left_sec));
}

/** Says whether one more use would pass, without counting it (for a friendly message before trying). */
export async function peek(limit: Limit, subject: string): Promise<Verdict> {
  const key = `${limit.name}:${sha256(subject.toLowerCase())}`;
  const result = await getDb().execute(sql`
    select count, extract(epoch from (window_start + make_interval(secs => ${limit.windowSec}) - clock_timestamp()))::float8 as left_sec
    from rate_limits where key = ${key} and window_start = ${windowStart(limit)}`);
  const row = rows<{ count: number; left_sec: number }>(result)[0];
  return row ? verdict(limit, Number(row.count) + 1, Number(row.left_sec)) : { ok: true };
}

export async function purgeOldWindows(): Promise<void> {
  await getDb().execute(sql`delete from rate_limits where window_start < clock_timestamp() - interval '1 day'`);
}

/** The per-IP limit's subject: the client address no client can choose (lib/http/client-address.ts). */
export function clientIp(headers: Headers): string {
  // no address we can trust (an unstamped request): one shared bucket, so a forged header buys nothing
  return addressLimitKey(clientAddress(headers) ?? UNSTAMPED);
}
