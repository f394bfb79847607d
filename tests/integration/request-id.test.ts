import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as health from "@/app/api/health/route";
import { call, signedInUser } from "../helpers/api";
import { createWorkspaceAs } from "../helpers/workspaces";

// Every API answer names its request: X-Request-Id on the response, "request_id" in a problem body, and
// the same id on the request's log lines, so a user's report ("request 7f3…") leads to the log.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let written: string[] = [];

beforeEach(() => {
  written = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    written.push(String(chunk));
    return write(chunk, ...rest);
  }) as typeof process.stdout.write);
});
afterEach(() => vi.restoreAllMocks());

const lines = () =>
  written
    .join("")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("request ids", () => {
  it("answers a signed-in read with a fresh X-Request-Id, and logs the request under it by route pattern", async () => {
    const user = await signedInUser();
    const res = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id")!;
    expect(id).toMatch(UUID);
    const line = lines().find((l) => l.request_id === id && l.msg === "request");
    expect(line).toMatchObject({ level: "info", method: "GET", route: "/api/v1/workspaces", status: 200 });
  });

  it("puts the id in every problem body: 401 for nobody, 404 for a stranger's workspace, 422 for a bad body", async () => {
    const unauth = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user: null });
    expect(unauth.status).toBe(401);
    expect(unauth.body.request_id).toBe(unauth.headers.get("x-request-id"));
    expect(unauth.body.request_id).toMatch(UUID);

    const owner = await signedInUser();
    const ws = await createWorkspaceAs(owner);
    const stranger = await signedInUser();
    const path = `/api/v1/workspaces/${ws.id}/campaigns`;
    const hidden = await call(campaignsRoute.GET, "GET", path, { user: stranger, params: { workspace_id: ws.id } });
    expect(hidden.status).toBe(404);
    expect(hidden.body.request_id).toBe(hidden.headers.get("x-request-id"));
    // the log line names the route's pattern, not the workspace's id
    const line = lines().find((l) => l.request_id === hidden.body.request_id && l.msg === "request");
    expect(line).toMatchObject({ route: "/api/v1/workspaces/[workspace_id]/campaigns", status: 404 });

    const bad = await call(campaignsRoute.POST, "POST", path, { user: owner, params: { workspace_id: ws.id }, body: { name: "" } });
    expect(bad.status).toBe(422);
    expect(bad.body.request_id).toBe(bad.headers.get("x-request-id"));
  });

  it("keeps a caller's well-formed id, and replaces one that is too long or carries other characters", async () => {
    const user = await signedInUser();
    const mine = "lb-2f9c1e7a.edge:42";
    const kept = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user, headers: { "x-request-id": mine } });
    expect(kept.headers.get("x-request-id")).toBe(mine);
    for (const hostile of ["x".repeat(200), 'abc"}\\n{"level":"fatal', "<script>alert(1)</script>", "short"]) {
      const res = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user, headers: { "x-request-id": hostile } });
      expect(res.headers.get("x-request-id")).toMatch(UUID);
    }
  });

  it("gives the health probe one too", async () => {
    const res = await health.GET();
    expect(res.headers.get("x-request-id")).toMatch(UUID);
  });
});
