// /api/auth/* — Auth.js (sign-in, callback, sign-out, session), traced like every API answer (X-Request-Id,
// one log line, the latency histogram).
import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { traced } from "@/lib/log/request";

export const GET = traced("/api/auth/[...nextauth]", (req: Request) => handlers.GET(req as NextRequest));
export const POST = traced("/api/auth/[...nextauth]", (req: Request) => handlers.POST(req as NextRequest));
