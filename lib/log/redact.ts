// What never reaches a log line: credentials by field name (pino's redact paths), and by shape inside
// any string (messages, error texts), for the secrets whose form we know.

const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "token",
  "secret",
  "password",
  "apiKey",
  "api_key",
  "nedzoToken",
  "nedzo_token",
  "accessToken",
  "access_token",
  "sessionToken",
  "session_token",
  "AUTH_SECRET",
  "NEDZO_TOKEN_KEY",
  "METRICS_TOKEN",
  "DATABASE_URL",
];

/** pino redact paths: each key at the top, one and two levels down, and under headers. */
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  const at = (prefix: string) => (key.startsWith("[") ? `${prefix}${key}` : `${prefix}.${key}`);
  return [key, at("*"), at("*.*"), at("headers"), at("req.headers"), at("*.headers")];
});

export const CENSOR = "[redacted]";

const PATTERNS: RegExp[] = [
  /\bsk_(?:test|live)_[A-Za-z0-9_-]+/g, // Nedzo tokens
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, // any bearer credential (API keys, the metrics token)
  /((?:session-token|csrf-token|callback-url)=)[^;\s"]+/gi, // Auth.js cookies
  /([?&](?:token|secret|code|key)=)[^&\s"]+/gi, // credentials in a URL's query (sign-in links)
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+(?=@)/gi, // a password in a connection string
];

/** A string with every known secret shape replaced. */
export function scrub(text: string): string {
  let out = text;
  for (const p of PATTERNS) {
    out = out.replace(p, (match, keep?: string) => (typeof keep === "string" && match.startsWith(keep) ? `${keep}${CENSOR}` : CENSOR));
  }
  return out;
}
