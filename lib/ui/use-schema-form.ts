"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import type { Problem } from "./api-client";
import { useMutation, type MutationOptions, type MutationRequest } from "./use-mutation";

type Schema = z.ZodType<FieldValues, FieldValues>;

/**
 * A form on its route's own zod schema (react-hook-form + zodResolver), sent through useMutation: the same
 * checks run before sending as on the server, and the server's field errors land under their fields.
 * `submitTo(request, options)` is the form's onSubmit; the request is built from the schema's output.
 */
export function useSchemaForm<S extends Schema>(schema: S, props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {}) {
  const form = useForm<z.input<S>, unknown, z.output<S>>({ mode: "onTouched", ...props, resolver: zodResolver(schema) });
  const mutation = useMutation();

  function submitTo<T>(
    request: (values: z.output<S>) => MutationRequest,
    options: MutationOptions<T> & { onProblem?: (problem: Problem) => boolean } = {},
  ) {
    return form.handleSubmit(async (values) => {
      const r = await mutation.run<T>(request(values), { ...options, inline: true });
      if (r && !r.ok && !options.onProblem?.(r.problem)) showProblem(form, r.problem);
    });
  }

  return { ...form, submitTo, busy: mutation.pending, problem: mutation.problem };
}

export type SchemaForm<V extends FieldValues = FieldValues> = UseFormReturn<V, unknown, any> & { busy: boolean };

/**
 * Problem details on a form: each field error (`errors[].path`, its first segment) under its field, the
 * first one focused; a problem with no field of this form goes to `root.server` (FormProblem shows it).
 */
export function showProblem<V extends FieldValues>(form: UseFormReturn<V, unknown, any>, problem: Problem): void {
  const fields = new Set(Object.keys(form.getValues()));
  let placed = 0;
  for (const e of problem.errors ?? []) {
    const field = e.path.split(".")[0];
    if (!fields.has(field)) continue;
    form.setError(field as Path<V>, { type: "server", message: e.message }, { shouldFocus: placed === 0 });
    placed++;
  }
  if (!placed) form.setError("root.server", { type: "server", message: problem.detail });
}
