import { describe, expect, it } from "vitest";
import { emailLimitKey, normalizeEmail } from "@/lib/auth/email-address";

// Issue 7, finding 3: a sign-in identifier is exactly one plain address, or nothing is sent.

describe("normalizeEmail", () => {
  it("accepts one plain address, trimmed and in lower case", () => {
    expect(normalizeEmail("  Ana.Lima@Example.COM ")).toBe("ana.lima@example.com");
    expect(normalizeEmail("o'brien+news@mail.example.co.uk")).toBe("o'brien+news@mail.example.co.uk");
    expect(normalizeEmail("first_last-1@sub-domain.example.test")).toBe("first_last-1@sub-domain.example.test");
  });

  it.each([
    "a@x.com,b@y.com",
    "a@x.com;b@y.com",
    "a,b@x.com",
    '"a,b"@x.com',
    '"attacker@evil.example"@victim.example',
    "a@b@c.com",
    "a@x.com b@y.com",
    "ana lima@example.com",
    "ana@exa mple.com",
    "ana@example.com\nbcc@evil.example",
    "ana@example.com\r\nBcc: evil@evil.example",
    "Ana <ana@example.com>",
    "<ana@example.com>",
    "ana@example.com (Ana)",
    "ana＠example.com",
    "a＠b@c.com",
    "ána@example.com",
    "ana@exämple.com",
    "ana@example.com\u0000",
    "ana@[127.0.0.1]",
    "ana@localhost",
    "ana@-example.com",
    "ana@example..com",
    "ana@.example.com",
    ".ana@example.com",
    "ana.@example.com",
    "an..a@example.com",
    "ana%evil.example@example.com",
    "ana!evil@example.com",
    "@example.com",
    "ana@",
    "ana",
    "",
    "   ",
    `${"a".repeat(65)}@example.com`,
    `ana@${"a".repeat(250)}.com`,
  ])("refuses %j", (value) => {
    expect(normalizeEmail(value)).toBeNull();
  });

  it("refuses what is not a string", () => {
    for (const value of [undefined, null, 3, ["ana@example.com"]]) expect(normalizeEmail(value)).toBeNull();
  });
});

describe("emailLimitKey", () => {
  it("counts case and +tag variants of one mailbox together", () => {
    expect(emailLimitKey("Ana+1@X.com")).toBe(emailLimitKey("ana+2@x.com"));
    expect(emailLimitKey("ana+2@x.com")).toBe(emailLimitKey("ana@x.com"));
    expect(emailLimitKey("ana@x.com")).not.toBe(emailLimitKey("bob@x.com"));
    expect(emailLimitKey("ana@x.com")).not.toBe(emailLimitKey("ana@y.com"));
  });
});
