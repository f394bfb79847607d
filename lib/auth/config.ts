import NextAuth from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { getDb } from "@/db";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { sendMail, signInMail } from "@/lib/mail";
import { clientIp, consume, SIGN_IN_PER_ADDRESS, SIGN_IN_PER_IP } from "./rate-limit";

// Auth.js v5: email magic links, database sessions. Configured lazily (a function), so `next build`
// opens no database and needs no secret.

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const settings = env();
  return {
    adapter: DrizzleAdapter(getDb(), {
      usersTable: users,
      accountsTable: accounts,
      sessionsTable: sessions,
      verificationTokensTable: verificationTokens,
    }),
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    secret: settings.AUTH_SECRET,
    trustHost: true,
    providers: [
      Nodemailer({
        id: "nodemailer",
        // Auth.js insists on a server even when mail goes to the log; ours sends through lib/mail.ts.
        server: settings.EMAIL_SERVER ?? "smtp://localhost:25",
        from: settings.EMAIL_FROM,
        maxAge: 24 * 60 * 60,
        normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
        sendVerificationRequest: async ({ identifier, url, request }) => {
          // enforced here too, so posting to /api/auth/signin/nodemailer directly is limited as well
          for (const [limit, subject] of [
            [SIGN_IN_PER_ADDRESS, identifier],
            [SIGN_IN_PER_IP, clientIp(request.headers)],
          ] as const) {
            if (!(await consume(limit, subject)).ok) throw new Error("Too many sign-in links requested; try again later.");
          }
          await sendMail(signInMail(identifier, url));
        },
      }),
    ],
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
  };
});
