import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as health from "@/app/api/health/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import postgres from "postgres";
import { call } from "../helpers/api";
import { useSandbox } from "../helpers/sandbox";
import { appDatabaseThroughProxy } from "../helpers/tcp-proxy";
import { campaignBody, liveWorkspace } from "../helpers/workspaces";

// PostgreSQL goes away in the middle of traffic and comes back: /api/health says 503 meanwhile, requests get
// a 503 problem (never a hang or a 500), and the app recovers by itself. PGlite runs inside the process and
// cannot go away, so this file runs in the PostgreSQL suite only (DATABASE_URL set).

useSandbox();
const onPostgres = Boolean(process.env.DATABASE_URL);
let relay: Awaited<ReturnType<typeof appDatabaseThroughProxy>>;
let proxy: Awaited<ReturnType<typeof appDatabaseThroughProxy>>["proxy"];
let directUrl = "";

beforeAll(async () => {
  if (!onPostgres) return;
  relay = await appDatabaseThroughProxy();
  ({ proxy, directUrl } = relay);
});

afterAll(async () => {
  if (!onPostgres) return;
  await relay.restore();
});

describe.skipIf(!onPostgres)("the database going away and coming back", () => {
  it("answers 503 while it is away and recovers by itself", async () => {
    const ws = await liveWorkspace();
    const list = () => call(campaignsRoute.GET, "GET", "", { user: ws.owner, params: { workspace_id: ws.id } });
    expect((await health.GET()).status).toBe(200);
    expect(
      (await call(campaignsRoute.POST, "POST", "", { user: ws.owner, params: { workspace_id: ws.id }, body: campaignBody() })).status,
    ).toBe(201);

    await proxy.cut();
    const down = await health.GET();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: "degraded", database: "down" });
    const during = await list();
    expect(during.status).toBe(503);
    expect(during.headers.get("content-type")).toBe("application/problem+json");
    expect(during.headers.get("retry-after")).toBe("5");

    await proxy.restore();
    let recovered = 0;
    for (let i = 0; i < 20 && recovered !== 200; i++) {
      recovered = (await health.GET()).status;
      if (recovered !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(200);
    const after = await list();
    expect(after.status).toBe(200);
    expect(after.body.campaigns).toHaveLength(1);
    expect(
      (
        await call(campaignsRoute.POST, "POST", "", {
          user: ws.owner,
          params: { workspace_id: ws.id },
          body: campaignBody({ name: "after" }),
        })
      ).status,
    ).toBe(201);
  }, 60_000);

  it("fails a query on a connection the server killed, instead of crashing the process", async () => {
    // postgres.js 3.4.9 wrote to a closed socket from a timer when a query followed the close of its
    // connection (a backend terminated, a failover): an uncaught TypeError that took the whole server down.
    // patches/postgres+3.4.9.patch rejects the query with CONNECTION_CLOSED instead. A held connection
    // (as a transaction holds one) is the deterministic way to reach that path.
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown) => uncaught.push(e);
    process.on("uncaughtException", onUncaught);
    const client = postgres(directUrl, { max: 2, onnotice: () => {} });
    try {
      const held = await client.reserve();
      const [{ pid }] = await held<{ pid: number }[]>`select pg_backend_pid() as pid`;
      await client`select pg_terminate_backend(${pid})`;
      await new Promise((r) => setTimeout(r, 200));
      await expect(held`select 1`).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
      await new Promise((r) => setTimeout(r, 50));
      expect(uncaught).toEqual([]);
      held.release();
      // the pool goes on
      expect(await client`select 1 as one`).toEqual([{ one: 1 }]);
      expect((await health.GET()).status).toBe(200);
    } finally {
      process.off("uncaughtException", onUncaught);
      await client.end({ timeout: 1 });
    }
  });
});
