import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { resetEnvForTests } from "@/lib/env";
import { nedzoConnections } from "@/db/schema";
import * as meRoute from "@/app/api/v1/me/route";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as workspaceRoute from "@/app/api/v1/workspaces/[workspace_id]/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import * as agentsRoute from "@/app/api/v1/workspaces/[workspace_id]/agents/route";
import { call, signedInUser } from "../helpers/api";
import { sandboxToken, useSandbox } from "../helpers/sandbox";
import { createWorkspaceAs } from "../helpers/workspaces";

useSandbox();

describe("workspaces", () => {
  it("makes the creator owner, lists it, and shows it in /me", async () => {
    const user = await signedInUser();
    const ws = await createWorkspaceAs(user, "Acme Outreach");
    expect(ws).toMatchObject({
      name: "Acme Outreach",
      slug: "acme-outreach",
      kind: "team",
      role: "owner",
      parent_id: null,
      timezone: "UTC",
    });
    const list = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user });
    expect(list.body.workspaces.map((w: { id: string }) => w.id)).toEqual([ws.id]);
    expect(list.body.workspaces[0].nedzo).toEqual({ connected: false, mode: null, token_last4: null, verified_at: null });
    const me = await call(meRoute.GET, "GET", "/api/v1/me", { user });
    expect(me.body).toEqual({
      user: { id: user.id, email: user.email, name: null },
      memberships: [{ workspace_id: ws.id, role: "owner" }],
    });
  });

  it("gives a second workspace with the same name its own slug", async () => {
    const user = await signedInUser();
    const a = await createWorkspaceAs(user, "Same Name");
    const b = await createWorkspaceAs(user, "Same Name");
    expect(a.slug).not.toBe(b.slug);
    expect(b.slug).toMatch(/^same-name-[0-9a-f]{6}$/);
  });

  it("validates the name and the time zone by field", async () => {
    const user = await signedInUser();
    const empty = await call(workspacesRoute.POST, "POST", "/api/v1/workspaces", { user, body: { name: "  " } });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].path).toBe("name");
    const ws = await createWorkspaceAs(user);
    const bad = await call(workspaceRoute.PATCH, "PATCH", "", {
      user,
      params: { workspace_id: ws.id },
      body: { timezone: "Mars/Olympus" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("timezone");
    const ok = await call(workspaceRoute.PATCH, "PATCH", "", {
      user,
      params: { workspace_id: ws.id },
      body: { timezone: "Europe/Paris", name: "Renamed" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.workspace).toMatchObject({ timezone: "Europe/Paris", name: "Renamed" });
  });

  it("answers 401 without a session and rejects cross-origin writes", async () => {
    const anonymous = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces");
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("content-type")).toBe("application/problem+json");
    const user = await signedInUser();
    const csrf = await call(workspacesRoute.POST, "POST", "/api/v1/workspaces", {
      user,
      body: { name: "Evil" },
      headers: { origin: "https://evil.example" },
    });
    expect(csrf.status).toBe(403);
    const sameOrigin = await call(workspacesRoute.POST, "POST", "/api/v1/workspaces", {
      user,
      body: { name: "Fine" },
      headers: { origin: "http://localhost:3000", host: "localhost:3000" },
    });
    expect(sameOrigin.status).toBe(201);
  });
});

describe("Nedzo connection", () => {
  it("verifies a live token, stores it encrypted and shows only its last 4", async () => {
    const user = await signedInUser();
    const ws = await createWorkspaceAs(user);
    const token = sandboxToken();
    const put = await call(connectionRoute.PUT, "PUT", "", { user, params: { workspace_id: ws.id }, body: { mode: "live", token } });
    expect(put.status, put.text).toBe(200);
    expect(put.body.connection).toMatchObject({ mode: "live", token_last4: token.slice(-4) });
    expect(Date.parse(put.body.connection.verified_at)).toBeGreaterThan(Date.now() - 10_000);
    expect(put.text).not.toContain(token);
    const [row] = await getDb().select().from(nedzoConnections).where(eq(nedzoConnections.workspaceId, ws.id));
    expect(row.tokenCiphertext).not.toContain(token);
    expect(row.keyVersion).toBe(1);
    const got = await call(workspaceRoute.GET, "GET", "", { user, params: { workspace_id: ws.id } });
    expect(got.body.workspace.nedzo).toMatchObject({ connected: true, mode: "live", token_last4: token.slice(-4) });
    expect(got.text).not.toContain(token);
  });

  it("turns a token Nedzo rejects into a field error, and stores nothing", async () => {
    const user = await signedInUser();
    const ws = await createWorkspaceAs(user);
    const put = await call(connectionRoute.PUT, "PUT", "", {
      user,
      params: { workspace_id: ws.id },
      body: { mode: "live", token: "sk_live_not-a-real-key" },
    });
    expect(put.status).toBe(422);
    expect(put.body.errors).toEqual([{ path: "token", message: expect.stringContaining("rejected") }]);
    expect(put.text).not.toContain("not-a-real-key");
    expect(await getDb().select().from(nedzoConnections).where(eq(nedzoConnections.workspaceId, ws.id))).toHaveLength(0);
  });

  it("answers 502 and stores nothing when Nedzo cannot be reached to verify the token", async () => {
    const user = await signedInUser();
    const ws = await createWorkspaceAs(user);
    const saved = process.env.NEDZO_API_BASE_URL;
    process.env.NEDZO_API_BASE_URL = "http://127.0.0.1:9"; // nothing listens on the discard port
    resetEnvForTests();
    try {
      const token = sandboxToken();
      const put = await call(connectionRoute.PUT, "PUT", "", { user, params: { workspace_id: ws.id }, body: { mode: "live", token } });
      expect(put.status).toBe(502);
      expect(put.body.detail).toMatch(/Nothing was saved/);
      expect(put.text).not.toContain(token);
    } finally {
      process.env.NEDZO_API_BASE_URL = saved;
      resetEnvForTests();
    }
    expect(await getDb().select().from(nedzoConnections).where(eq(nedzoConnections.workspaceId, ws.id))).toHaveLength(0);
  });

  it("requires a token in live mode and rejects unknown modes", async () => {
    const user = await signedInUser();
    const ws = await createWorkspaceAs(user);
    const noToken = await call(connectionRoute.PUT, "PUT", "", { user, params: { workspace_id: ws.id }, body: { mode: "live" } });
    expect(noToken.status).toBe(422);
    expect(noToken.body.errors[0].path).toBe("token");
    const badMode = await call(connectionRoute.PUT, "PUT", "", { user, params: { workspace_id: ws.id }, body: { mode: "staging" } });
    expect(badMode.status).toBe(422);
    expect(badMode.body.errors[0].path).toBe("mode");
  });

  it("connects the in-process sandbox and lists its agents by name", async () => {
    const user = await signedInUser();
    const ws = await createWorkspaceAs(user);
    const put = await call(connectionRoute.PUT, "PUT", "", { user, params: { workspace_id: ws.id }, body: { mode: "sandbox" } });
    expect(put.body.connection).toMatchObject({ mode: "sandbox", token_last4: null });
    const agents = await call(agentsRoute.GET, "GET", "", { user, params: { workspace_id: ws.id } });
    expect(agents.status).toBe(200);
    expect(agents.body.agents.map((a: { name: string }) => a.name)).toContain("Ava — appointment setter");
    const off = await call(connectionRoute.DELETE, "DELETE", "", { user, params: { workspace_id: ws.id } });
    expect(off.status).toBe(204);
    const after = await call(workspaceRoute.GET, "GET", "", { user, params: { workspace_id: ws.id } });
    expect(after.body.workspace.nedzo.connected).toBe(false);
  });
});
