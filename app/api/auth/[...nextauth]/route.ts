// /api/auth/* — Auth.js (sign-in, callback, sign-out, session).
import { handlers } from "@/lib/auth/config";

export const { GET, POST } = handlers;
