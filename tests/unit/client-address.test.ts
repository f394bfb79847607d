import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "@/lib/http/client-address";

// Issue 7, finding 2: the client's address for the sign-in limit and the audit trail. X-Forwarded-For
// as it reaches the app's code ends with the TCP peer (lib/http/client-address.ts stamps it so); with
// TRUST_PROXY=N the client is the address the Nth proxy saw, N entries left of that.

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { "x-forwarded-for": xff });

describe("clientAddressFrom", () => {
  it("with TRUST_PROXY off, is the right-most entry (the TCP peer), whatever the client claimed before it", () => {
    expect(clientAddressFrom(headers("198.51.100.1, 127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddressFrom(headers("203.0.113.50,198.51.100.1 , 127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddressFrom(headers("127.0.0.1"), 0)).toBe("127.0.0.1");
  });

  it("with 1 trusted proxy, is the entry that proxy appended: the one left of the peer", () => {
    expect(clientAddressFrom(headers("6.6.6.6, 203.0.113.7, 10.0.0.2"), 1)).toBe("203.0.113.7");
    expect(clientAddressFrom(headers("203.0.113.7, 10.0.0.2"), 1)).toBe("203.0.113.7");
  });

  it("with 2 trusted proxies, skips both", () => {
    expect(clientAddressFrom(headers("6.6.6.6, 203.0.113.7, 10.0.0.1, 10.0.0.2"), 2)).toBe("203.0.113.7");
  });

  it("with fewer entries than trusted hops, takes the furthest one there is", () => {
    expect(clientAddressFrom(headers("10.0.0.2"), 2)).toBe("10.0.0.2");
  });

  it("ignores X-Real-IP (any client can send it) and answers null when there is nothing", () => {
    expect(clientAddressFrom(new Headers({ "x-real-ip": "6.6.6.6" }), 0)).toBeNull();
    expect(clientAddressFrom(headers(""), 0)).toBeNull();
  });

  it("answers a normalised address: IPv4-mapped IPv6 as IPv4, no brackets or port", () => {
    expect(clientAddressFrom(headers("::ffff:127.0.0.1"), 0)).toBe("127.0.0.1");
    expect(clientAddressFrom(headers("[2001:db8::1]:4711"), 0)).toBe("2001:db8::1");
    expect(clientAddressFrom(headers("203.0.113.9:4711"), 0)).toBe("203.0.113.9");
  });
});

describe("fail closed, and one bucket per IPv6 /64", () => {
  it("a request the server did not stamp (or whose marker a client forged) has no address, and one shared limit", async () => {
    const { clientAddress, UNSTAMPED, STAMP_HEADER, stampPeerAddress } = await import("@/lib/http/client-address");
    const { clientIp } = await import("@/lib/auth/rate-limit");
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBeNull();
    expect(clientAddress(new Headers({ "x-forwarded-for": "6.6.6.6", [STAMP_HEADER]: "guess" }))).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6" }))).toBe(UNSTAMPED);
    expect(clientIp(new Headers({ "x-forwarded-for": "7.7.7.7" }))).toBe(UNSTAMPED);
    // what the stamp does to a request straight from the socket: a forged marker is replaced
    const req = { headers: { "x-forwarded-for": "6.6.6.6", [STAMP_HEADER]: "guess" }, socket: { remoteAddress: "203.0.113.7" } };
    stampPeerAddress(req as never);
    expect(clientAddress(new Headers(req.headers as Record<string, string>))).toBe("203.0.113.7");
  });

  it("keys IPv6 addresses on their /64 and leaves IPv4 alone", async () => {
    const { addressLimitKey } = await import("@/lib/http/client-address");
    expect(addressLimitKey("203.0.113.7")).toBe("203.0.113.7");
    expect(addressLimitKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(addressLimitKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressLimitKey("2001:0db8:0001:0002::ffff")).toBe("2001:db8:1:2::/64");
  });
});
