// The browser's way to call our JSON API: problem details come back as data, never as a thrown error.

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  campaign_id?: string;
  campaign_status?: string;
};

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; problem: Problem };

export async function apiFetch<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: { accept: "application/json", ...(init.body !== undefined ? { "content-type": "application/json" } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      credentials: "same-origin",
    });
  } catch {
    return {
      ok: false,
      status: 0,
      problem: {
        type: "network",
        title: "Network error",
        status: 0,
        detail: "Could not reach Campaign Console. Check your connection and try again.",
      },
    };
  }
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (response.ok) return { ok: true, status: response.status, data: data as T };
  const problem = (data && typeof data === "object" ? data : {}) as Partial<Problem>;
  return {
    ok: false,
    status: response.status,
    problem: {
      type: problem.type ?? "error",
      title: problem.title ?? "Error",
      status: response.status,
      detail: problem.detail ?? `The server answered ${response.status}.`,
      ...problem,
    } as Problem,
  };
}
