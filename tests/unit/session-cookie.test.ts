import { afterEach, describe, expect, it } from "vitest";
import { sessionTokenFromCookieHeader } from "@/lib/auth/session";
import { resetEnvForTests } from "@/lib/env";

describe("the session cookie", () => {
  afterEach(() => {
    delete process.env.AUTH_URL;
    resetEnvForTests();
  });

  it("is read despite another site's malformed cookie beside it (no URIError, no 500)", () => {
    expect(sessionTokenFromCookieHeader("_ga=%E0%A4%A; authjs.session-token=abc123")).toBe("abc123");
    expect(sessionTokenFromCookieHeader("authjs.session-token=%E0%A4%A")).toBeNull();
  });

  it("on HTTPS is only the __Secure- one: a plain-named cookie planted by a sibling site signs no one in", () => {
    process.env.AUTH_URL = "https://console.example.com";
    resetEnvForTests();
    expect(sessionTokenFromCookieHeader("authjs.session-token=planted")).toBeNull();
    expect(sessionTokenFromCookieHeader("authjs.session-token=planted; __Secure-authjs.session-token=mine")).toBe("mine");
  });
});
