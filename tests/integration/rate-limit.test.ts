import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { consume, peek, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_IP } from "@/lib/auth/rate-limit";

describe("sign-in mail limits", () => {
  it("allows 5 links per address per 15 minutes, then says when to come back", async () => {
    const email = `limit-${Date.now()}@example.test`;
    for (let i = 0; i < 5; i++) expect((await consume(SIGN_IN_PER_ADDRESS, email)).ok).toBe(true);
    const peeked = await peek(SIGN_IN_PER_ADDRESS, email.toUpperCase());
    expect(peeked.ok).toBe(false);
    const sixth = await consume(SIGN_IN_PER_ADDRESS, email);
    expect(sixth.ok).toBe(false);
    if (!sixth.ok) {
      expect(sixth.retryAfterSec).toBeGreaterThan(0);
      expect(sixth.retryAfterSec).toBeLessThanOrEqual(15 * 60);
    }
    expect((await consume(SIGN_IN_PER_ADDRESS, `other-${email}`)).ok).toBe(true);
  });

  it("counts per IP separately, 20 per window, and stores no address or IP in clear", async () => {
    const ip = "198.51.100.7";
    const verdicts = [];
    for (let i = 0; i < 21; i++) verdicts.push((await consume(SIGN_IN_PER_IP, ip)).ok);
    expect(verdicts.filter(Boolean)).toHaveLength(20);
    const stored = await getDb().execute(sql`select key from rate_limits`);
    expect(JSON.stringify(stored)).not.toContain(ip);
  });
});
