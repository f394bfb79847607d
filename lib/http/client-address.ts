import http from "node:http";
import https from "node:https";
import { env } from "@/lib/env";

// The client's IP address, for the per-IP sign-in limit and the audit trail.
//
// Next.js sets X-Forwarded-For from the socket only when the request has none (`??=` in its base
// server): a client that sends its own gets it passed through untouched, so neither its first nor its
// last entry says anything true. Route handlers and server actions never see the socket. So the server
// stamps the header itself, before Next reads the request: the TCP peer's address is appended, as a
// proxy would. The right-most entry is then the only one no client can choose.
//
//   TRUST_PROXY=0 (default): the client is that right-most entry, the TCP peer.
//   TRUST_PROXY=N: N reverse proxies, each appending the address it received from, stand in front of
//   the app; the client is the address the outermost one saw: N entries left of the peer.

const STAMPED = Symbol.for("campaign-console.client-address-stamp");

function normalize(entry: string): string {
  let value = entry.trim();
  const bracketed = value.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) value = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(value)) value = value.replace(/:\d+$/, "");
  return value.replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i, "$1").toLowerCase();
}

/** The client's address from X-Forwarded-For as stamped by the server, trusting `trustedHops` proxies. */
export function clientAddressFrom(headers: Headers, trustedHops: number): string | null {
  const entries = (headers.get("x-forwarded-for") ?? "").split(",").map(normalize).filter(Boolean);
  if (!entries.length) return null;
  return entries[Math.max(0, entries.length - 1 - trustedHops)];
}

export function clientAddress(headers: Headers): string | null {
  return clientAddressFrom(headers, env().TRUST_PROXY);
}

/** Appends the TCP peer to X-Forwarded-For, on a request straight from the socket. */
export function stampPeerAddress(req: http.IncomingMessage): void {
  const peer = req.socket?.remoteAddress;
  const claimed = req.headers["x-forwarded-for"];
  const list = [Array.isArray(claimed) ? claimed.join(", ") : claimed, peer ?? "unknown"].filter(Boolean);
  req.headers["x-forwarded-for"] = list.join(", ");
}

/**
 * Makes every HTTP(S) server of this process stamp its requests (see above) before any listener — Next's
 * included — sees them. Idempotent. Call it once at boot (instrumentation.ts), before the first request.
 */
export function installClientAddressStamp(): void {
  for (const proto of [http.Server.prototype, https.Server.prototype] as unknown as Record<symbol | string, unknown>[]) {
    if (proto[STAMPED]) continue;
    const emit = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampPeerAddress(args[0] as http.IncomingMessage);
      return emit.call(this, event, ...args);
    };
    proto[STAMPED] = true;
  }
}

// Installed as soon as this module loads: instrumentation.ts loads it (through lib/auth/rate-limit) at
// boot, before Next serves the first request.
installClientAddressStamp();
