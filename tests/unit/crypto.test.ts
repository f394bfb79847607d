import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, hashJson } from "@/lib/crypto";

describe("token encryption", () => {
  it("round-trips, with a fresh IV each time", () => {
    const a = encryptSecret("sk_live_abcdef123456", "ws-1");
    const b = encryptSecret("sk_live_abcdef123456", "ws-1");
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext).not.toContain("abcdef");
    expect(decryptSecret(a.ciphertext, a.keyVersion, "ws-1")).toBe("sk_live_abcdef123456");
  });

  it("refuses a ciphertext moved to another workspace or tampered with", () => {
    const { ciphertext, keyVersion } = encryptSecret("sk_live_abcdef123456", "ws-1");
    expect(() => decryptSecret(ciphertext, keyVersion, "ws-2")).toThrow();
    const raw = Buffer.from(ciphertext, "base64");
    raw[raw.length - 1] ^= 1;
    expect(() => decryptSecret(raw.toString("base64"), keyVersion, "ws-1")).toThrow();
    expect(() => decryptSecret(ciphertext, 99, "ws-1")).toThrow(/version 99/);
  });
});

describe("hashJson", () => {
  it("ignores key order but not values", () => {
    expect(hashJson({ a: 1, b: [1, { c: 2, d: 3 }] })).toBe(hashJson({ b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(hashJson({ a: 1 })).not.toBe(hashJson({ a: 2 }));
  });
});
