"use client";
import { useEffect, useState } from "react";
import { useForm, type FieldValues, type Path, type Resolver, type UseFormProps, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { afterLoad } from "./after-load";
import type { Problem } from "./api-client";
import { useMutation, type MutationOptions, type MutationRequest } from "./use-mutation";

type Schema = z.ZodType<FieldValues, FieldValues>;

/** A form's schema, imported when first needed: `() => import("@/lib/x/schemas").then((m) => m.xSchema)`. */
export type SchemaLoader<S extends Schema> = () => Promise<S>;

/**
 * A form on its route's own zod schema (react-hook-form + zodResolver), sent through useMutation: the same
 * checks run before sending as on the server, and the server's field errors land under their fields.
 * `submitTo(request, options)` is the form's onSubmit; the request is built from the schema's output.
 *
 * zod and the schema (~44 kB gzip) are not in the page's first load: they are fetched once the page has
 * loaded and the browser is idle, or at the first check if that comes sooner (a blur, a submit).
 */
export function useSchemaForm<S extends Schema>(
  loadSchema: SchemaLoader<S>,
  props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {},
) {
  const [resolver] = useState(() => lazyResolver(loadSchema));
  const form = useForm<z.input<S>, unknown, z.output<S>>({ mode: "onTouched", ...props, resolver });
  const mutation = useMutation();
  // fetched after the first load, or at the first check if that is sooner; a failure is tried again then
  useEffect(() => afterLoad(() => resolver.preload().catch(() => {})), [resolver]);

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

/**
 * zodResolver(schema), with the schema and the resolver imported on the first call. An import that fails (the
 * connection dropped) is said at the form's top and tried again at the next check.
 */
function lazyResolver<S extends Schema>(loadSchema: SchemaLoader<S>) {
  type R = Resolver<z.input<S>, unknown, z.output<S>>;
  let ready: Promise<R> | null = null;
  const preload = () =>
    (ready ??= Promise.all([loadSchema(), import("@hookform/resolvers/zod")]).then(
      ([schema, { zodResolver }]) => zodResolver(schema) as unknown as R,
      (e: unknown) => {
        ready = null;
        throw e;
      },
    ));
  const resolver: R = async (values, context, options) => {
    try {
      return await (
        await preload()
      )(values, context, options);
    } catch {
      return {
        values: {},
        errors: { root: { server: { type: "load", message: "This form could not be checked. Check your connection and try again." } } },
      } as unknown as Awaited<ReturnType<R>>;
    }
  };
  return Object.assign(resolver, { preload });
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
