// What never reaches a log line: credentials by field name (at any depth the logger walks), and by shape inside
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

/** A field of any of these names is censored wherever the logger finds it (lib/log/logger.ts). */
const SECRET_KEY_SET = new Set([...SECRET_KEYS, ...SECRET_KEYS.map((k) => k.toLowerCase())]);
/** …and any name that says what it holds: refresh_token, client_secret, x-api-key, dbPassword, connectionString. */
const SECRET_KEY_SHAPE = /token|secret|passw|authoriz|cookie|api[-_]?key|credential|private[-_]?key|connection[-_]?string/i;
export const isSecretKey = (key: string): boolean =>
  SECRET_KEY_SET.has(key) || SECRET_KEY_SET.has(key.toLowerCase()) || SECRET_KEY_SHAPE.test(key);

export const CENSOR = "[redacted]";

const PATTERNS: RegExp[] = [
  /\bsk_(?:test|live)_[A-Za-z0-9_-]+/g, // Nedzo tokens
  /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, // any bearer credential (API keys, the metrics token)
  /((?:session-token|csrf-token|callback-url)=)[^;\s"]+/gi, // Auth.js cookies
  /([?&](?:token|secret|code|key)=)[^&\s"]+/gi, // credentials in a URL's query (sign-in links)
  /(postgres(?:ql)?:\/\/[^:/\s]+:)[^@\s]+(?=@)/gi, // a password in a connection string
];

/** Every pattern above needs one of these: a string without any is left as it is, untouched by the five. */
const MAY_HOLD_SECRET = /sk_|bearer|-token=|callback-url=|[?&](?:token|secret|code|key)=|postgres/i;

/** A string with every known secret shape replaced. */
export function scrub(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  let out = text;
  for (const p of PATTERNS) {
    out = out.replace(p, (match, keep?: string) => (typeof keep === "string" && match.startsWith(keep) ? `${keep}${CENSOR}` : CENSOR));
  }
  return out;
}
