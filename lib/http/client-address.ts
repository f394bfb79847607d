import { randomBytes } from "node:crypto";
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

// The stamp also sets a marker only this process knows (any copy a client sends is removed first). A
// request without it was not stamped — one accepted before the stamp was installed, in the moment between
// the port opening and the app's boot — and its X-Forwarded-For proves nothing: such requests share one
// address, so a forged header never buys a fresh one (fail closed).
export const STAMP_HEADER = "x-campaign-console-peer";
const holder = globalThis as unknown as { __campaignConsoleStampSecret?: string };
const stampSecret = () => (holder.__campaignConsoleStampSecret ??= randomBytes(18).toString("base64url"));
export const UNSTAMPED = "unstamped";

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

/** The client's address, or null when the request was not stamped by this process (see above). */
export function clientAddress(headers: Headers): string | null {
  if (headers.get(STAMP_HEADER) !== stampSecret()) return null;
  return clientAddressFrom(headers, env().TRUST_PROXY);
}

/** The marker the stamp sets: for tests that hand route handlers a Request as the server would. */
export function stampMarker(): [string, string] {
  return [STAMP_HEADER, stampSecret()];
}

/** The key a per-IP limit counts on: an IPv4 address, or an IPv6 address's /64 (one host holds a /64). */
export function addressLimitKey(address: string): string {
  if (!address.includes(":")) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill("0"), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => (g || "0").replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}

/** Appends the TCP peer to X-Forwarded-For, on a request straight from the socket. */
export function stampPeerAddress(req: http.IncomingMessage): void {
  delete req.headers[STAMP_HEADER];
  const peer = req.socket?.remoteAddress;
  const claimed = req.headers["x-forwarded-for"];
  const list = [Array.isArray(claimed) ? claimed.join(", ") : claimed, peer ?? "unknown"].filter(Boolean);
  req.headers["x-forwarded-for"] = list.join(", ");
  req.headers[STAMP_HEADER] = stampSecret();
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
