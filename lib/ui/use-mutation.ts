"use client";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { toast } from "./toast";
import { apiFetch, type ApiResult, type Problem } from "./api-client";
import { useHydrated } from "./use-hydrated";

export type MutationRequest = {
  path: string;
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
};

export type MutationOptions<T> = {
  /** The toast after success (omit it when `onSuccess` says something of its own). */
  success?: string | ((data: T) => string);
  onSuccess?: (data: T) => void;
  /** A page to go to after success; without it the current page refreshes in place. */
  navigate?: string | ((data: T) => string);
  /** Go with a full page load: the current page stops existing for this user (a workspace left or deleted). */
  reload?: boolean;
  /** The caller shows the problem itself (in a form or a dialog): no toast on failure. */
  inline?: boolean;
};

// Answers that mean the page is out of date (someone else changed it): show what is true now.
const STALE = new Set([404, 409, 410]);

/**
 * The one way the browser changes something through our API: one request at a time (a double click sends
 * once), a pending state, a toast, the page refreshed or left, and the problem returned (and kept in
 * `problem`) for inline display. Forms reach it through useSchemaForm, buttons directly or through
 * ConfirmDialog.
 */
export function useMutation() {
  const router = useRouter();
  const hydrated = useHydrated();
  const running = useRef(false);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  /** Resolves to null when a request of this hook is already running. */
  async function run<T = unknown>({ path, ...init }: MutationRequest, options: MutationOptions<T> = {}): Promise<ApiResult<T> | null> {
    if (running.current) return null;
    running.current = true;
    setPending(true);
    setProblem(null);
    const r = await apiFetch<T>(path, init);
    running.current = false;
    if (!r.ok) {
      setPending(false);
      setProblem(r.problem);
      if (!options.inline) toast.error(r.problem.detail);
      if (STALE.has(r.status)) router.refresh();
      return r;
    }
    const message = typeof options.success === "function" ? options.success(r.data) : options.success;
    if (message) toast.success(message);
    options.onSuccess?.(r.data);
    const to = typeof options.navigate === "function" ? options.navigate(r.data) : options.navigate;
    // Leaving keeps the pending state: nothing can be sent twice while the next page loads.
    if (options.reload) window.location.assign(to ?? "/");
    else if (to) router.push(to);
    else setPending(false);
    if (!options.reload) router.refresh();
    return r;
  }

  return { run, pending, problem, ready: hydrated && !pending, clearProblem: () => setProblem(null) };
}

export type Mutation = ReturnType<typeof useMutation>;
