"use client";
import { useState, type ChangeEvent, type FormEvent } from "react";
import { toast } from "sonner";
import type { ApiResult } from "./api-client";
import { useHydrated } from "./use-hydrated";

/**
 * The small forms' shared behaviour: values, field errors from problem details (by path), one submit at a
 * time, and nothing submittable before hydration. A problem without field errors goes to `fallbackField`
 * when given, else to a toast.
 */
export function useApiForm<V extends Record<string, string>, T>(
  initial: V | (() => V),
  submit: (values: V) => Promise<ApiResult<T>>,
  onSuccess: (data: T, values: V) => void,
  options: { fallbackField?: keyof V } = {},
) {
  const hydrated = useHydrated();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Partial<Record<keyof V, string>>>({});
  const [busy, setBusy] = useState(false);

  const field = (name: keyof V) => ({
    value: values[name],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues({ ...values, [name]: e.target.value }),
    "aria-invalid": Boolean(errors[name]),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = await submit(values);
    setBusy(false);
    if (r.ok) {
      setErrors({});
      return onSuccess(r.data, values);
    }
    const byPath = Object.fromEntries((r.problem.errors ?? []).map((e) => [e.path, e.message])) as Partial<Record<keyof V, string>>;
    if (Object.keys(byPath).length) setErrors(byPath);
    else if (options.fallbackField) setErrors({ [options.fallbackField]: r.problem.detail } as Partial<Record<keyof V, string>>);
    else toast.error(r.problem.detail);
  }

  return { values, setValues, errors, busy, ready: hydrated && !busy, field, onSubmit };
}
