import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvForTests } from "@/lib/env";

// The app's origin is a setting, never a request header: production refuses to start without it, and
// development works with none (http://localhost:<the port the dev server runs on>).

const saved = {
  NODE_ENV: process.env.NODE_ENV,
  AUTH_URL: process.env.AUTH_URL,
  PORT: process.env.PORT,
  TRUST_PROXY: process.env.TRUST_PROXY,
};

function withSettings(settings: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(settings)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetEnvForTests();
}

afterEach(() => withSettings(saved));

describe("the configured origin", () => {
  it("is required in production: without AUTH_URL the app refuses to start, naming the setting", () => {
    withSettings({ NODE_ENV: "production", AUTH_URL: undefined });
    expect(() => env()).toThrow(/AUTH_URL/);
  });

  it("must be an absolute http(s) URL with no path in production", () => {
    for (const bad of ["console.example.com", "/console", "ftp://console.example.com", "https://console.example.com/app"]) {
      withSettings({ NODE_ENV: "production", AUTH_URL: bad });
      expect(() => env(), bad).toThrow(/AUTH_URL/);
    }
  });

  it("is AUTH_URL's origin when set", () => {
    withSettings({ NODE_ENV: "production", AUTH_URL: "https://console.example.com/" });
    expect(env().APP_ORIGIN).toBe("https://console.example.com");
  });

  it("defaults in development to http://localhost:3000, or the PORT the dev server listens on", () => {
    withSettings({ NODE_ENV: "development", AUTH_URL: undefined, PORT: undefined });
    expect(env().APP_ORIGIN).toBe("http://localhost:3000");
    withSettings({ NODE_ENV: "development", AUTH_URL: undefined, PORT: "4123" });
    expect(env().APP_ORIGIN).toBe("http://localhost:4123");
  });
});

describe("TRUST_PROXY", () => {
  it("is off (0 hops) by default", () => {
    withSettings({ TRUST_PROXY: undefined });
    expect(env().TRUST_PROXY).toBe(0);
  });

  it("is a number of proxy hops; anything else is refused, naming the setting", () => {
    withSettings({ TRUST_PROXY: "2" });
    expect(env().TRUST_PROXY).toBe(2);
    for (const bad of ["yes", "-1", "1.5"]) {
      withSettings({ TRUST_PROXY: bad });
      expect(() => env(), bad).toThrow(/TRUST_PROXY/);
    }
  });
});
