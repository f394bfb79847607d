import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAGIC_AGENTS } from "@/lib/nedzo/sandbox/magic";
import { startSandboxServer, type RunningSandbox } from "@/lib/nedzo/sandbox/server";
import { startApp, type AppServer } from "../helpers/app-server";
import { campaignBody, httpSession } from "../helpers/e2e";
import { startSmtpSink } from "../helpers/smtp-sink";

// A deploy stops instances with SIGTERM. A create that is waiting on Nedzo then must not be lost: the
// instance stops taking requests, lets the create finish for up to SHUTDOWN_TIMEOUT_MS (the person gets
// their 201), or else gives its job back to the queue for whoever runs next — and exits 0 in time.

const METRICS_TOKEN = "shutdown-metrics-token-0123456789";

type World = { app: AppServer; sandbox: RunningSandbox; sink: Awaited<ReturnType<typeof startSmtpSink>> };

function useWorld(slowMs: number, appEnv: Record<string, string>) {
  const world = {} as World;
  let failed = false;
  beforeAll(async () => {
    world.sink = await startSmtpSink();
    world.sandbox = await startSandboxServer(0, { slowMs, ratePerSec: 50, burst: 50 });
    world.app = await startApp({
      EMAIL_SERVER: world.sink.url,
      NEDZO_API_BASE_URL: world.sandbox.url,
      METRICS_TOKEN,
      ...appEnv,
    });
  });
  afterAll(async () => {
    if (failed) console.log(`app log:\n${world.app?.logs.join("")}`);
    await world.app?.stop();
    await world.sandbox?.close();
    await world.sink?.close();
  });
  return {
    world,
    markFailed: () => (failed = true),
  };
}

/** A signed-in owner of a workspace connected live to the sandbox. */
async function owner(world: World) {
  const me = httpSession(world.app, world.sink);
  await me.signIn(`owner-${Date.now()}@example.test`);
  const { workspace } = await me.api("POST", "/api/v1/workspaces", { name: "Blue Bakery" });
  const token = `sk_test_shutdown${Math.random().toString(36).slice(2, 10)}`;
  await me.api("PUT", `/api/v1/workspaces/${workspace.id}/nedzo-connection`, { mode: "live", token });
  return { me, workspaceId: workspace.id as string, token };
}

/** Sends SIGTERM once Nedzo has the create (and is sitting on its answer); resolves with the exit. */
async function terminateWhileNedzoWorks(world: World, token: string) {
  const deadline = Date.now() + 15_000;
  while (!world.sandbox.campaigns().some((c) => c.token === token)) {
    if (Date.now() > deadline) throw new Error("the create never reached the sandbox");
    await new Promise((r) => setTimeout(r, 50));
  }
  const child = world.app.process();
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const sent = Date.now();
  child.kill("SIGTERM");
  const exit = await exited;
  return { ...exit, ms: Date.now() - sent };
}

describe("SIGTERM while a create waits on Nedzo's answer (2.5 s), shutdown timeout 10 s", () => {
  const { world, markFailed } = useWorld(2_500, { SHUTDOWN_TIMEOUT_MS: "10000", NEDZO_TIMEOUT_MS: "15000" });

  it("lets the create finish: the person gets 201 created, the process exits 0, and after a restart it is still created", async () => {
    try {
      const { me, workspaceId, token } = await owner(world);
      const posting = me.http(`/api/v1/workspaces/${workspaceId}/campaigns`, {
        method: "POST",
        body: JSON.stringify(campaignBody("Spring renewals", { agent_id: MAGIC_AGENTS.slow.id })),
        headers: { "content-type": "application/json" },
      });
      const exit = await terminateWhileNedzoWorks(world, token);
      const res = await posting;
      const body = await res.json();
      expect(res.status, JSON.stringify(body)).toBe(201);
      expect(body.campaign.status).toBe("created");
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.ms).toBeLessThan(10_000 + 3_000);
      expect(world.app.logs.join("")).toMatch(/"released_jobs":0[^\n]*"msg":"shutdown: done"/);

      await world.app.restart();
      const again = await me.api("GET", `/api/v1/workspaces/${workspaceId}/campaigns/${body.campaign.id}`);
      expect(again.campaign.status).toBe("created");
      expect(world.sandbox.campaigns().filter((c) => c.token === token)).toHaveLength(1);
    } catch (error) {
      markFailed();
      throw error;
    }
  });
});

describe("SIGTERM while a create waits on Nedzo longer (8 s) than the shutdown timeout (1.5 s)", () => {
  const { world, markFailed } = useWorld(8_000, { SHUTDOWN_TIMEOUT_MS: "1500", NEDZO_TIMEOUT_MS: "15000" });

  it("exits 0 within the timeout and gives the create's job back to the queue, where the restarted app finds it", async () => {
    try {
      const { me, workspaceId, token } = await owner(world);
      const posting = me
        .http(`/api/v1/workspaces/${workspaceId}/campaigns`, {
          method: "POST",
          body: JSON.stringify(campaignBody("Autumn renewals", { agent_id: MAGIC_AGENTS.slow.id })),
          headers: { "content-type": "application/json" },
        })
        .catch(() => null); // the person's request is cut when the timeout ends
      const exit = await terminateWhileNedzoWorks(world, token);
      await posting;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.ms).toBeLessThan(1_500 + 3_000);
      expect(world.app.logs.join("")).toMatch(/"released_jobs":1[^\n]*"msg":"shutdown: done"/);

      await world.app.restart();
      // the campaign is there, still saying what is known (sent, answer not stored), and its job is queued
      const { campaigns } = await me.api("GET", `/api/v1/workspaces/${workspaceId}/campaigns`);
      expect(campaigns).toHaveLength(1);
      expect(["pending", "created", "unknown"]).toContain(campaigns[0].status);
      const metrics = await fetch(`${world.app.url}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(await metrics.text()).toMatch(/nedzo_create_queue_depth\{queue="[0-9a-f]{12}"\} 1/);
    } catch (error) {
      markFailed();
      throw error;
    }
  });
});
