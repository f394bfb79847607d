"use client";
import { useEffect, useState } from "react";
import { apiFetch, type ApiResult } from "./api-client";

/** A read the browser needs after the page is served (e.g. a form's pickers): null until it answers. */
export function useApiGet<T>(path: string): ApiResult<T> | null {
  const [result, setResult] = useState<{ path: string; result: ApiResult<T> } | null>(null);
  useEffect(() => {
    let live = true;
    apiFetch<T>(path).then((r) => {
      if (live) setResult({ path, result: r });
    });
    return () => {
      live = false;
    };
  }, [path]);
  return result?.path === path ? result.result : null;
}
