import { describe, expect, it, vi } from "vitest";
import "./helpers/next-esm";

// Issue 7, finding 4: a signed-in user who opens /sign-in?callbackUrl=… is redirected there — only if it
// is a page of this site.

vi.mock("@/lib/auth/current-user", () => ({ currentUser: async () => ({ id: "u1", email: "ana@example.test", name: null }) }));

const { default: SignInPage } = await import("@/app/(auth)/sign-in/page");

/** Where the page redirects to: Next's redirect() throws an error whose digest holds the target. */
async function redirectTarget(callbackUrl: unknown): Promise<string> {
  try {
    await SignInPage({ searchParams: Promise.resolve({ callbackUrl } as { callbackUrl?: string }) });
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2];
    throw error;
  }
  throw new Error("no redirect");
}

describe("the sign-in page, for a signed-in user", () => {
  it.each([
    "//evil.example",
    "/\\evil.example",
    "/%2F%2Fevil.example",
    "/%5Cevil.example",
    "/\t/evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/..//evil.example",
  ])("does not send them off-site for callbackUrl=%j", async (value) => {
    const target = await redirectTarget(value);
    expect(new URL(target, "https://app.example").origin).toBe("https://app.example");
    expect(target).toBe("/");
  });

  it("sends them to a same-site callbackUrl", async () => {
    expect(await redirectTarget("/w/acme/campaigns?status=failed")).toBe("/w/acme/campaigns?status=failed");
  });
});

describe("Auth.js's redirect callback (its own endpoints: the magic link's callbackUrl, sign-out)", () => {
  const origin = "https://console.example.test";
  it.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example/w/new",
    "javascript:alert(1)",
    `${origin}//evil.example`,
    "/%2F%2Fevil.example",
    "http://console.example.test/w/new",
  ])("answers our home page for %j", async (value) => {
    const { redirectOnAppOrigin } = await import("@/lib/auth/config");
    expect(redirectOnAppOrigin(value, origin)).toBe(`${origin}/`);
  });

  it("keeps a same-site path or a URL on our own origin", async () => {
    const { redirectOnAppOrigin } = await import("@/lib/auth/config");
    expect(redirectOnAppOrigin("/w/new", origin)).toBe(`${origin}/w/new`);
    expect(redirectOnAppOrigin(`${origin}/invitations/accept?token=abc`, origin)).toBe(`${origin}/invitations/accept?token=abc`);
  });
});
