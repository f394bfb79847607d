import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/rate-limit";
import { requestOrigin } from "@/lib/audit";
import { resetEnvForTests } from "@/lib/env";
import { installClientAddressStamp } from "@/lib/http/client-address";
import { startSmtpSink } from "../helpers/smtp-sink";
import { postAuthJsSignIn } from "./helpers/auth-signin";

// Issue 7, finding 2: X-Forwarded-For is the client's to write. The address the sign-in limit counts
// and the audit trail records must be one the client cannot choose: the TCP peer, or — when the
// operator says N proxies stand in front (TRUST_PROXY=N) — the address the outermost proxy saw.

let server: Server;
let base: string;
beforeAll(async () => {
  installClientAddressStamp(); // as instrumentation.ts does at boot
  server = createServer((req, res) => {
    const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
    const request = new Request(`http://localhost${req.url}`, { headers });
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ limit: clientIp(headers), audit: requestOrigin(request).ip }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  delete process.env.TRUST_PROXY;
  resetEnvForTests();
});

async function seenAs(xff?: string, realIp?: string) {
  const headers: Record<string, string> = {};
  if (xff !== undefined) headers["x-forwarded-for"] = xff;
  if (realIp !== undefined) headers["x-real-ip"] = realIp;
  return (await fetch(base, { headers })).json() as Promise<{ limit: string; audit: string }>;
}

describe("with TRUST_PROXY off (the default)", () => {
  it("a client-supplied X-Forwarded-For or X-Real-IP changes neither the limit's key nor the audit IP", async () => {
    const honest = await seenAs();
    expect(honest).toEqual({ limit: "127.0.0.1", audit: "127.0.0.1" });
    for (const forged of ["198.51.100.1", "198.51.100.2, 203.0.113.4", "not-an-ip", ""]) {
      expect(await seenAs(forged, "203.0.113.99"), forged).toEqual(honest);
    }
  });

  it("the per-IP sign-in limit holds when every request claims a fresh X-Forwarded-For", async () => {
    const sink = await startSmtpSink();
    process.env.EMAIL_SERVER = sink.url;
    resetEnvForTests();
    try {
      // what the app's code receives once the server has appended the TCP peer to a forged header;
      // 20 per IP per 15-minute window, and 45 attempts stay over that even if a window ends mid-spray
      for (let i = 0; i < 45; i++) {
        await postAuthJsSignIn(`spray-${i}@example.test`, { headers: { "x-forwarded-for": `198.51.100.${i}, 127.0.0.2` } });
      }
      expect(sink.mails.length).toBeLessThanOrEqual(40);
      expect(sink.mails.length).toBeLessThan(45);
    } finally {
      await sink.close();
      delete process.env.EMAIL_SERVER;
      resetEnvForTests();
    }
  });
});

describe("with TRUST_PROXY=1", () => {
  it("uses the right-most entry the proxy sent (the address it received the request from)", async () => {
    process.env.TRUST_PROXY = "1";
    resetEnvForTests();
    expect(await seenAs("203.0.113.7")).toEqual({ limit: "203.0.113.7", audit: "203.0.113.7" });
    expect(await seenAs("6.6.6.6, 203.0.113.7")).toEqual({ limit: "203.0.113.7", audit: "203.0.113.7" });
  });
});
