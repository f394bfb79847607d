// The one rule for a sign-in address: exactly one plain mailbox, `local@domain.tld`, in ASCII. No lists
// (`a@x.com,b@y.com` would be mailed to both), quotes, comments, display names, spaces or control
// characters, no second "@", nothing outside printable ASCII (so no full-width "＠" that some parser
// further down could turn into a real one). Stricter than Auth.js's own normalizer, which lets
// "a,b@x.com" through; never looser.

const LOCAL = /^[a-z0-9_'+-]+(\.[a-z0-9_'+-]+)*$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TLD = /^[a-z]{2,63}$/;

export const EMAIL_RULE_MESSAGE = "Enter one email address, like ana@example.com.";

/** The address in canonical form (trimmed, lower case), or null when it is not exactly one plain address. */
export function normalizeEmail(input: unknown): string | null {
  if (typeof input !== "string") return null;
  const email = input.trim().toLowerCase();
  if (!/^[\x21-\x7e]+$/.test(email)) return null;
  if (email.length > 254) return null;
  const parts = email.split("@");
  if (parts.length !== 2) return null;
  const [local, domain] = parts;
  if (local.length > 64 || !LOCAL.test(local)) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(labels.at(-1)!)) return null;
  return email;
}

/** One key per mailbox for the sign-in limit: lower case, and `ana+anything@x` counts as `ana@x`. */
export function emailLimitKey(email: string): string {
  const canonical = normalizeEmail(email) ?? email.trim().toLowerCase();
  const at = canonical.lastIndexOf("@");
  const local = canonical.slice(0, at).replace(/\+.*$/, "");
  return `${local}@${canonical.slice(at + 1)}`;
}
