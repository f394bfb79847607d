import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { startSmtpSink } from "../helpers/smtp-sink";
import { postAuthJsSignIn } from "./helpers/auth-signin";

// Issue 7, finding 3: one sign-in request mails one address, or none. Lists, quoted or multi-@ forms
// are refused on both paths (Auth.js's own endpoint and our sign-in form), and the per-address limit
// counts case and +tag variants of a mailbox together.

const { requestSignInLink } = await import("@/app/actions");

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.EMAIL_SERVER = sink.url;
  resetEnvForTests();
});
afterAll(() => sink.close());

const BAD = [
  "a@x.com,b@y.com",
  "victim@example.test,attacker@evil.example",
  "a,b@x.com",
  '"a,b"@x.com',
  '"attacker@evil.example"@example.test',
  "a@b@c.com",
  "a@x.com b@y.com",
  "ana lima@example.test",
  "Ana <ana@example.test>",
  "ana@example.test\nbcc@evil.example",
  "ana＠example.test",
];

describe("Auth.js's own sign-in endpoint", () => {
  it.each(BAD)("refuses %j and mails nothing", async (email) => {
    const before = sink.mails.length;
    const res = await postAuthJsSignIn(email);
    expect(res.status).toBe(302);
    expect(res.location).not.toContain("verify-request");
    expect(res.location).toContain("error=AccessDenied");
    expect(sink.mails.length).toBe(before);
  });

  it("counts Ana+1@X.com and ana+2@x.com as one address: the sixth link of the window is refused", async () => {
    const sent = () => sink.mails.filter((m) => /^ana\+\d@x\.com$/.test(m.to)).length;
    for (let i = 0; i < 5; i++) {
      const res = await postAuthJsSignIn(i % 2 ? "Ana+1@X.com" : "ana+2@x.com");
      expect(res.location).toContain("verify-request");
    }
    expect(sent()).toBe(5);
    const sixth = await postAuthJsSignIn("ana+3@x.com");
    expect(sixth.location).not.toContain("verify-request");
    expect(sent()).toBe(5);
  });

  it("mails exactly the one address asked for, in lower case", async () => {
    const res = await postAuthJsSignIn("  Pat.Doe@Example.TEST ");
    expect(res.location).toContain("verify-request");
    expect(sink.mails.at(-1)!.to).toBe("pat.doe@example.test");
  });
});

describe("the sign-in form (server action)", () => {
  it.each(BAD)("refuses %j with a clear error and mails nothing", async (email) => {
    const before = sink.mails.length;
    const form = new FormData();
    form.set("email", email);
    form.set("callbackUrl", "/");
    const state = await requestSignInLink({}, form);
    expect(state.error).toBe("Enter one email address, like ana@example.com.");
    expect(state.email).toBe(email);
    expect(sink.mails.length).toBe(before);
  });
});
