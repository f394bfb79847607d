import { currentRequestId } from "@/lib/log/context";

// Typed errors, rendered by the route guard as RFC 9457 problem details.

export type FieldError = { path: string; message: string };

type ProblemOptions = {
  type?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** extension members (RFC 9457 §3.2), after the standard ones: e.g. the campaign a failed create stored */
  extensions?: Record<string, unknown>;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly options: ProblemOptions = {},
  ) {
    super(detail);
  }
}

const TYPES: Record<number, [string, string]> = {
  400: ["malformed-json", "Malformed JSON"],
  401: ["unauthenticated", "Sign-in required"],
  403: ["forbidden", "Forbidden"],
  404: ["not-found", "Not found"],
  409: ["conflict", "Conflict"],
  410: ["gone", "Gone"],
  413: ["payload-too-large", "Payload too large"],
  415: ["unsupported-media-type", "Unsupported media type"],
  422: ["validation", "Validation failed"],
  429: ["rate-limited", "Too many requests"],
  502: ["upstream-failed", "Nedzo failed"],
  503: ["unavailable", "Service unavailable"],
  504: ["upstream-timeout", "Nedzo did not answer in time"],
};

export function apiError(status: keyof typeof TYPES | number, detail: string, options: ProblemOptions & { title?: string } = {}): ApiError {
  const [slug, title] = TYPES[status] ?? ["error", "Error"];
  return new ApiError(status, options.title ?? title, detail, { ...options, type: options.type ?? slug });
}

/**
 * The one problem-details body (RFC 9457): every error the API answers, and every failed create, is this.
 * It names the request it answers (`request_id`, also in X-Request-Id and on the request's log lines).
 */
export function problemBody(error: ApiError): Record<string, unknown> {
  const requestId = currentRequestId();
  return {
    type: `https://campaign-console.dev/problems/${error.options.type ?? "error"}`,
    title: error.title,
    status: error.status,
    detail: error.message,
    ...(error.options.errors?.length ? { errors: error.options.errors } : {}),
    ...error.options.extensions,
    ...(requestId ? { request_id: requestId } : {}),
  };
}

export function problemHeaders(error: ApiError): Record<string, string> {
  return { "content-type": "application/problem+json", ...error.options.headers };
}

export function problemResponse(error: ApiError): Response {
  return new Response(JSON.stringify(problemBody(error)), { status: error.status, headers: problemHeaders(error) });
}

/** At most this many field errors in one problem: a body with 5 000 unknown keys gets a short answer. */
export const MAX_FIELD_ERRORS = 50;

export function validationError(errors: FieldError[], detail?: string): ApiError {
  const shown = errors.slice(0, MAX_FIELD_ERRORS);
  const more = errors.length - shown.length;
  const text = shown.map((e) => `${e.path || "body"}: ${e.message}`).join("; ") + (more > 0 ? `; and ${more} more` : "");
  return apiError(422, detail ?? text, { errors: shown });
}

/** The driver's error code (SQLSTATE or connection code); drizzle wraps driver errors in `cause`. */
export function databaseErrorCode(error: unknown): string | undefined {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code ?? e?.cause?.code;
}
