import NextAuth from "next-auth";
import { AccessDenied } from "@auth/core/errors";
import Nodemailer from "next-auth/providers/nodemailer";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { sendMail, signInMail } from "@/lib/mail";
import { emailLimitKey, normalizeEmail } from "./email-address";
import { clientIp, consume, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_IP } from "./rate-limit";

// Auth.js v5: email magic links, database sessions. Configured lazily (a function), so `next build`
// opens no database and needs no secret.
//
// The origin of every URL Auth.js builds is the configured one (env().APP_ORIGIN, which lib/env.ts also
// hands to Auth.js as its AUTH_URL setting), never the request's Host / X-Forwarded-Host.
// The mailed link and the redirect target are checked against it once more here.

/** The same URL on the configured origin (Auth.js built it there already; a forged host cannot move it). */
function onAppOrigin(url: string, origin: string): string {
  const { pathname, search } = new URL(url);
  return new URL(pathname + search, origin).toString();
}

/** Auth.js's redirect callback: a same-site path (lib/http/safe-redirect.ts) on the configured origin. */
export function redirectOnAppOrigin(url: string, origin: string): string {
  let path: unknown = url;
  if (!url.startsWith("/")) {
    try {
      const absolute = new URL(url);
      path = absolute.origin === origin ? absolute.pathname + absolute.search + absolute.hash : null;
    } catch {
      path = null;
    }
  }
  return origin + safeRedirectPath(path);
}

/** Auth.js's normalizeIdentifier: the canonical address, or a refusal (nothing is sent, ?error=AccessDenied). */
function normalizeIdentifier(input: string): string {
  const email = normalizeEmail(input);
  if (!email) throw new AccessDenied("Not exactly one plain email address.");
  return email;
}

async function sendSignInLink(identifier: string, url: string, request: Request, origin: string): Promise<void> {
  // enforced here too, so posting to /api/auth/signin/nodemailer directly is limited as well
  for (const [limit, subject] of [
    [SIGN_IN_PER_ADDRESS, emailLimitKey(identifier)],
    [SIGN_IN_PER_IP, clientIp(request.headers)],
  ] as const) {
    if (!(await consume(limit, subject)).ok) throw new Error("Too many sign-in links requested; try again later.");
  }
  await sendMail(signInMail(identifier, onAppOrigin(url, origin)));
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const settings = env();
  const origin = settings.APP_ORIGIN;
  return {
    adapter: DrizzleAdapter(getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    secret: settings.AUTH_SECRET,
    // Auth.js answers every request with an error unless this is on. It does not make the request's host
    // trusted here: AUTH_URL is always set (lib/env.ts), and Auth.js then builds every URL on it.
    trustHost: true,
    callbacks: {
      redirect: ({ url }) => redirectOnAppOrigin(url, origin),
    },
    providers: [
      Nodemailer({
        id: "nodemailer",
        // Auth.js insists on a server even when mail goes to the log; ours sends through lib/mail.ts.
        server: settings.EMAIL_SERVER ?? "smtp://localhost:25",
        from: settings.EMAIL_FROM,
        maxAge: 24 * 60 * 60,
        // exactly one plain address, or nothing is sent (lib/auth/email-address.ts)
        normalizeIdentifier,
        sendVerificationRequest: ({ identifier, url, request }) => {
          const sending = sendSignInLink(identifier, url, request, origin);
          // Auth.js awaits this only after hashing the token: a refusal that comes first must not count
          // as an unhandled rejection meanwhile. Auth.js still sees it, through Promise.all.
          sending.catch(() => {});
          return sending;
        },
      }),
    ],
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
  };
});
