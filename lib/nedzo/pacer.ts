import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Executor } from "@/lib/audit";
import { env } from "@/lib/env";

// Nedzo limits writes per token (1/s sustained). Every create for a token takes the next free slot, held
// in PostgreSQL so that all app instances share it; tokens never wait for each other. A slot further away
// than NEDZO_MAX_QUEUE_WAIT_MS is not taken: the caller gets our 429 with an honest Retry-After.

export type Slot = { ok: true; waitMs: number } | { ok: false; retryAfterSec: number };

const intervalMs = () => Math.max(1, Math.round(1000 / env().NEDZO_WRITES_PER_SEC));

export async function reserveSlot(key: string, maxWaitMs = env().NEDZO_MAX_QUEUE_WAIT_MS): Promise<Slot> {
  const step = `${intervalMs()} milliseconds`;
  const limit = `${maxWaitMs} milliseconds`;
  const reserved = await getDb().execute<{ wait_ms: number }>(sql`
    insert into nedzo_pacer (key, next_at) values (${key}, clock_timestamp() + ${step}::interval)
    on conflict (key) do update
      set next_at = greatest(nedzo_pacer.next_at, clock_timestamp()) + ${step}::interval
      where greatest(nedzo_pacer.next_at, clock_timestamp()) - clock_timestamp() <= ${limit}::interval
    returning greatest(0, extract(epoch from (next_at - ${step}::interval - clock_timestamp())) * 1000)::float8 as wait_ms`);
  const row = rowsOf<{ wait_ms: number }>(reserved)[0];
  if (row) return { ok: true, waitMs: Number(row.wait_ms) };
  const queued = await getDb().execute<{ wait_ms: number }>(
    sql`select extract(epoch from (next_at - clock_timestamp())) * 1000 as wait_ms from nedzo_pacer where key = ${key}`,
  );
  const waitMs = Number(rowsOf<{ wait_ms: number }>(queued)[0]?.wait_ms ?? 0);
  return { ok: false, retryAfterSec: Math.max(1, Math.ceil((waitMs - maxWaitMs) / 1000)) };
}

/**
 * Takes the token's slot only when it is free right now (no wait), in the caller's transaction: a create
 * that gets it is sent at once; one that does not waits for a slot as a queued job. Rolled back with the
 * transaction (a repeated key spends nothing). The row stays locked until that transaction ends.
 */
export async function takeFreeSlot(key: string, db: Executor = getDb()): Promise<boolean> {
  const step = `${intervalMs()} milliseconds`;
  const taken = await db.execute(sql`
    insert into nedzo_pacer (key, next_at) values (${key}, clock_timestamp() + ${step}::interval)
    on conflict (key) do update set next_at = clock_timestamp() + ${step}::interval
      where nedzo_pacer.next_at <= clock_timestamp()
    returning 1 as taken`);
  return rowsOf(taken).length > 0;
}

/** Nedzo said 429 with Retry-After: nobody on this token goes before then. */
export async function holdUntil(key: string, seconds: number): Promise<void> {
  const pause = `${Math.max(0, seconds) * 1000} milliseconds`;
  await getDb().execute(sql`
    insert into nedzo_pacer (key, next_at) values (${key}, clock_timestamp() + ${pause}::interval)
    on conflict (key) do update set next_at = greatest(nedzo_pacer.next_at, clock_timestamp() + ${pause}::interval)`);
}

// postgres.js returns the rows array itself; PGlite returns { rows }.
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows?: T[] }).rows ?? []);
}

const chains = new Map<string, Promise<void>>();

export type Turn = { run<T>(fn: () => Promise<T>): Promise<T>; skip(): void };

/**
 * A place in this process's line for a token's slots, taken synchronously: the jobs of one token reserve
 * their slots in the order they took their turn (oldest first, as claimed), whatever order their other
 * queries finish in. `run` waits for the turns before it; a turn not needed must be skipped.
 */
export function takeTurn(key: string): Turn {
  const previous = chains.get(key) ?? Promise.resolve();
  let done!: () => void;
  const mine = new Promise<void>((resolve) => (done = resolve));
  const tail = previous.then(() => mine);
  chains.set(key, tail);
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    done();
    void tail.then(() => {
      if (chains.get(key) === tail) chains.delete(key);
    });
  };
  return {
    async run(fn) {
      await previous;
      try {
        return await fn();
      } finally {
        finish();
      }
    },
    skip: finish,
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
