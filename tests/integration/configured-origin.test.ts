import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as workspacesRoute from "@/app/api/v1/workspaces/route";
import * as invitationsRoute from "@/app/api/v1/workspaces/[workspace_id]/invitations/route";
import { resetEnvForTests } from "@/lib/env";
import { call, signedInUser } from "../helpers/api";
import { startSmtpSink } from "../helpers/smtp-sink";
import { createWorkspaceAs } from "../helpers/workspaces";
import { linkIn, postAuthJsSignIn } from "./helpers/auth-signin";

// Issue 7, finding 1: a request's Host / X-Forwarded-Host must never decide where a mailed link points,
// nor which Origin the API accepts. Only the configured origin (AUTH_URL, or the development default
// http://localhost:<PORT>) does.

const FORGED = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", origin: "https://evil.example" };

let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.EMAIL_SERVER = sink.url;
});
afterAll(async () => {
  await sink.close();
  delete process.env.AUTH_URL;
  delete process.env.PORT;
  resetEnvForTests();
});

function configure(settings: { AUTH_URL?: string; PORT?: string }) {
  delete process.env.AUTH_URL;
  delete process.env.PORT;
  resetEnvForTests();
  Object.assign(process.env, settings);
  resetEnvForTests();
}

const mailTo = (email: string) => sink.mails.filter((m) => m.to === email);

for (const [label, settings, origin] of [
  ["AUTH_URL set", { AUTH_URL: "https://console.example.test" }, "https://console.example.test"],
  ["AUTH_URL unset (development default on PORT)", { PORT: "3457" }, "http://localhost:3457"],
] as const) {
  describe(`with ${label}`, () => {
    beforeEach(() => configure(settings));

    it("mails Auth.js's sign-in link on the configured origin even with a forged Host and X-Forwarded-Host", async () => {
      const email = `victim-${Date.now()}@example.test`;
      const res = await postAuthJsSignIn(email, { url: "https://evil.example", headers: FORGED, callbackUrl: "/w/new" });
      expect(res.status).toBe(302);
      expect(new URL(res.location!).origin).toBe(origin);
      const mails = mailTo(email);
      expect(mails).toHaveLength(1);
      const link = linkIn(mails[0].text);
      expect(link.origin).toBe(origin);
      expect(link.pathname).toBe("/api/auth/callback/nodemailer");
      expect(new URL(link.searchParams.get("callbackUrl")!).origin).toBe(origin);
      expect(mails[0].raw).not.toContain("evil.example");
    });

    it("mails invitation links on the configured origin even with a forged Host and X-Forwarded-Host", async () => {
      const owner = await signedInUser();
      const ws = await createWorkspaceAs(owner);
      const email = `invitee-${Date.now()}@example.test`;
      const { origin: _ignored, ...forgedHost } = FORGED;
      const res = await call(invitationsRoute.POST, "POST", "", {
        user: owner,
        params: { workspace_id: ws.id },
        body: { email, role: "member" },
        headers: forgedHost,
      });
      expect(res.status, res.text).toBe(201);
      const link = linkIn(mailTo(email)[0].text);
      expect(link.origin).toBe(origin);
      expect(link.pathname).toBe("/invitations/accept");
    });

    it("accepts cookie writes from the configured origin and refuses a forged one, even when Host and X-Forwarded-Host agree with it", async () => {
      const user = await signedInUser();
      const forged = await call(workspacesRoute.POST, "POST", "/api/v1/workspaces", { user, body: { name: "Forged" }, headers: FORGED });
      expect(forged.status, forged.text).toBe(403);
      const ours = await call(workspacesRoute.POST, "POST", "/api/v1/workspaces", {
        user,
        body: { name: "Ours" },
        headers: { ...FORGED, origin },
      });
      expect(ours.status, ours.text).toBe(201);
      const list = await call(workspacesRoute.GET, "GET", "/api/v1/workspaces", { user });
      expect(list.body.workspaces.map((w: { name: string }) => w.name)).toEqual(["Ours"]);
    });
  });
}
