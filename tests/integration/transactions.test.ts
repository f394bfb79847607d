import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { campaigns } from "@/db/schema";
import { and, eq } from "drizzle-orm";
import { appDatabaseThroughProxy, startTcpProxy } from "../helpers/tcp-proxy";

// Transactions on PostgreSQL send BEGIN together with their first statements (postgres.js patched, see
// patches/postgres+3.4.9.patch): one round trip fewer per transaction, and still all or nothing. PGlite has
// no network, so the round-trip half runs in the PostgreSQL suite only; what a transaction keeps runs on both.

const onPostgres = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  await getDb().execute(sql`create table if not exists tx_probe (id int primary key)`);
});

describe("a transaction (both databases)", () => {
  it("keeps nothing when one of its statements fails, awaited or not", async () => {
    const db = getDb();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into tx_probe values (1)`);
        await tx.execute(sql`insert into tx_probe values (1)`); // duplicate key
      }),
    ).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        void tx.execute(sql`select 1 / 0`).catch(() => {}); // not awaited by the transaction
        await tx.execute(sql`insert into tx_probe values (2)`).catch(() => {});
      }),
    ).rejects.toThrow();
    await db.transaction(async (tx) => {
      await Promise.all([tx.execute(sql`insert into tx_probe values (3)`), tx.execute(sql`insert into tx_probe values (4)`)]);
    });
    const result = await db.execute(sql`select id from tx_probe order by id`);
    const rows = (Array.isArray(result) ? result : (result as unknown as { rows: { id: number }[] }).rows) as { id: number }[];
    expect(rows.map((r) => r.id)).toEqual([3, 4]);
  });
});

describe.skipIf(!onPostgres)("a transaction on PostgreSQL", () => {
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  let client: postgres.Sql;
  let writes = 0;

  beforeAll(async () => {
    const url = new URL(process.env.DATABASE_URL!);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432), { onUpstream: () => (writes += 1) });
    url.hostname = "127.0.0.1";
    url.port = String(proxy.port());
    client = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await client`select 1`; // connected before counting
  });

  afterAll(async () => {
    await client?.end({ timeout: 1 });
    await proxy?.cut();
  });

  it("sends BEGIN with its first statements: two round trips for a one-step transaction, not three", async () => {
    writes = 0;
    const ids = await client.begin(async (tx) => {
      const [a, b] = await Promise.all([tx`select txid_current() as id`, tx`select txid_current() as id`]);
      return [a[0].id, b[0].id];
    });
    expect(writes).toBe(2); // BEGIN + both statements; then COMMIT
    expect(ids[0]).toBe(ids[1]); // one transaction
  });

  it("marks a connection as the transaction's even when its BEGIN fills that connection's pipeline", async () => {
    // stock postgres.js 3.4.9 fails this begin (its connection unmarked) and leaves the connection, back in
    // the pool, inside the open transaction: the plain insert after it would never be committed
    const one = postgres(process.env.DATABASE_URL!, { max: 1, max_pipeline: 1, onnotice: () => {} } as never);
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await one`select 1`; // connected: the BEGIN below goes behind a running statement, not into the pool's queue
      const busy = one`select pg_sleep(0.05)`.execute();
      const answer = await one.begin(async (tx) => (await tx`select 'inside' as x`)[0].x);
      await busy;
      await one`insert into tx_probe values (50)`;
      expect(answer).toBe("inside");
      expect((await other`select count(*)::int as n from tx_probe where id = 50`)[0].n).toBe(1);
    } finally {
      await one.end({ timeout: 1 });
      await other.end({ timeout: 1 });
    }
  });

  it("runs transactions queued behind busy connections each whole, and nobody else's statement inside one", async () => {
    const two = postgres(process.env.DATABASE_URL!, { max: 2, onnotice: () => {} });
    try {
      const [runs, outside] = await Promise.all([
        Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            two.begin(async (tx) => {
              const [{ id }] = await tx`select txid_current() as id`;
              await tx`insert into tx_probe values (${100 + i})`;
              const [{ same }] = await tx`select txid_current() = ${id} as same`;
              return { id: String(id), same };
            }),
          ),
        ),
        // plain statements sent meanwhile on the same two connections: each outside any transaction
        Promise.all(Array.from({ length: 20 }, () => two`select txid_current_if_assigned() as xid`.then(([r]) => r.xid))),
      ]);
      expect(runs.every((r) => r.same)).toBe(true);
      expect(new Set(runs.map((r) => r.id)).size).toBe(6);
      expect(outside.every((xid) => xid === null)).toBe(true);
      expect((await two`select count(*)::int as n from tx_probe where id >= 100`)[0].n).toBe(6);
    } finally {
      await two.end({ timeout: 1 });
    }
  });
});

describe.skipIf(!onPostgres)("the app's statements on PostgreSQL", () => {
  let relay: Awaited<ReturnType<typeof appDatabaseThroughProxy>>;
  let writes = 0;

  beforeAll(async () => {
    relay = await appDatabaseThroughProxy({ onUpstream: () => (writes += 1) });
  });

  afterAll(async () => {
    await relay?.restore();
  });

  it("are sent prepared: one round trip each, and a transaction's statements travel together", async () => {
    const db = getDb();
    const id = crypto.randomUUID();
    const step = () =>
      db.transaction(async (tx) => {
        await Promise.all([
          tx
            .select({ id: campaigns.id })
            .from(campaigns)
            .where(and(eq(campaigns.id, id), eq(campaigns.workspaceId, id))),
          tx.execute(sql`insert into tx_probe values (${Math.floor(Math.random() * 1e9)})`),
          tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.workspaceId, id)).limit(1),
        ]);
      });
    await step(); // each statement is described once per connection
    writes = 0;
    await step();
    // BEGIN with the three statements, then COMMIT (unprepared: BEGIN, then a describe and an execute each)
    expect(writes).toBe(2);
    writes = 0;
    await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.workspaceId, id));
    await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.workspaceId, id));
    expect(writes).toBe(3); // described and run once, then run: never a describe per statement
  });
});
