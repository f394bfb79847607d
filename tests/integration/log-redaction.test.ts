import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as campaignsRoute from "@/app/api/v1/workspaces/[workspace_id]/campaigns/route";
import * as connectionRoute from "@/app/api/v1/workspaces/[workspace_id]/nedzo-connection/route";
import { sessionCookieName } from "@/lib/auth/session";
import { createLogger } from "@/lib/log/logger";
import { call } from "../helpers/api";
import { sandboxToken, useSandbox } from "../helpers/sandbox";
import { campaignBody, liveWorkspace } from "../helpers/workspaces";

// No secret in a log line: not the Nedzo token, not the session cookie, not a bearer credential, not a
// password in a connection string — whether a field carries it or a message quotes it.

useSandbox({ slowMs: 2500 });
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

function memoryLogger() {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      out.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger(stream, "trace"), text: () => out.join("") };
}

describe("log redaction", () => {
  it("logs a connect and a create carrying a token, a cookie and a bearer without any of them", async () => {
    const ws = await liveWorkspace();
    const token = sandboxToken();
    const reconnect = await call(connectionRoute.PUT, "PUT", `/api/v1/workspaces/${ws.id}/nedzo-connection`, {
      user: ws.owner,
      params: { workspace_id: ws.id },
      body: { mode: "live", token },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(reconnect.status, reconnect.text).toBe(200);
    const created = await call(campaignsRoute.POST, "POST", `/api/v1/workspaces/${ws.id}/campaigns`, {
      user: ws.owner,
      params: { workspace_id: ws.id },
      body: campaignBody(),
    });
    expect(created.status, created.text).toBe(201);
    const logs = written.join("");
    expect(logs).toContain(`"request_id":"${created.headers.get("x-request-id")}"`); // the requests were logged
    const session = ws.owner.cookie.split("=")[1];
    for (const secret of [token, ws.token!, session, sessionCookieName() + "=" + session]) expect(logs).not.toContain(secret);
  });

  it("removes credentials by field name at any usual depth, and by shape inside messages and errors", () => {
    const { logger, text } = memoryLogger();
    const nedzo = "sk_test_Zq8xPpLm4vN2";
    logger.info({ headers: { authorization: "Bearer api-key-123456", cookie: "authjs.session-token=s3ss10n" } }, "incoming");
    logger.info({ req: { headers: { "set-cookie": "authjs.session-token=s3ss10n; Path=/" } } }, "outgoing");
    logger.info({ connection: { token: nedzo, workspace: "w1" }, secret: "webhook-secret-value" }, "connected");
    logger.warn(`Nedzo refused token ${nedzo} (Authorization: Bearer api-key-123456)`);
    logger.error({ err: new Error(`connect failed for postgres://app:hunter22@db:5432/cc with ${nedzo}`) }, "db");
    logger.info({ url: "/api/auth/callback/nodemailer?callbackUrl=%2F&token=magic-token-987&email=a%40b.c" }, "callback");
    // names that say what they hold, and an object deeper than the walk
    logger.info({ refresh_token: "rt-5566", client_secret: "cs-7788", "x-api-key": "xk-9911", dbPassword: "pw-2233" }, "names");
    logger.info({ a: { b: { c: { d: { e: { token: "deep-4455" } } } } } }, "deep");
    const out = text();
    for (const secret of [
      nedzo,
      "api-key-123456",
      "s3ss10n",
      "webhook-secret-value",
      "hunter22",
      "magic-token-987",
      "rt-5566",
      "cs-7788",
      "xk-9911",
      "pw-2233",
      "deep-4455",
    ]) {
      expect(out).not.toContain(secret);
    }
    // what is not secret stays readable
    expect(out).toContain('"workspace":"w1"');
    expect(out).toContain("postgres://app:[redacted]@db:5432/cc");
    expect(out).toContain("[redacted]");
    expect(out.trim().split("\n")).toHaveLength(8);
  });
});
