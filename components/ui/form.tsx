"use client";
import type { ComponentProps, ReactNode } from "react";
import { get, useFormState, type FieldValues, type Path, type RegisterOptions, type UseFormRegisterReturn } from "react-hook-form";
import { Loader2 } from "lucide-react";
import { useHydrated } from "@/lib/ui/use-hydrated";
import type { SchemaForm } from "@/lib/ui/use-schema-form";
import { Button } from "./button";
import { Field, describedBy } from "./field";

export type ControlProps = UseFormRegisterReturn & { id: string; "aria-invalid": boolean; "aria-describedby"?: string };

/** A labelled field of a useSchemaForm form: its error (the schema's or the server's) shows under it and describes it. */
export function FormField<V extends FieldValues>({
  form,
  name,
  id = name,
  label,
  hint,
  options,
  render,
}: {
  form: SchemaForm<V>;
  name: Path<V>;
  id?: string;
  label: string;
  hint?: ReactNode;
  options?: RegisterOptions<V, Path<V>>;
  render: (control: ControlProps) => ReactNode;
}) {
  const { errors } = useFormState({ control: form.control, name });
  const error = (get(errors, name) as { message?: string } | undefined)?.message;
  return (
    <Field id={id} label={label} hint={hint} error={error}>
      {render({ id, ...form.register(name, options), "aria-invalid": Boolean(error), "aria-describedby": describedBy(id, error, hint) })}
    </Field>
  );
}

/** A problem the server answered that belongs to no field of the form, announced. */
export function FormProblem<V extends FieldValues>({ form }: { form: SchemaForm<V> }) {
  const { errors } = useFormState({ control: form.control, name: "root.server" as Path<V> });
  const message = errors.root?.server?.message;
  return message ? (
    <p role="alert" className="text-sm font-medium text-destructive">
      {message}
    </p>
  ) : null;
}

/** The submit button: disabled until the form can be sent and while it is being sent, saying so. */
export function SubmitButton<V extends FieldValues>({
  form,
  pending,
  icon,
  children,
  ...props
}: Omit<ComponentProps<typeof Button>, "form"> & { form: SchemaForm<V>; pending: string; icon?: ReactNode }) {
  const hydrated = useHydrated();
  const { isSubmitting } = useFormState({ control: form.control });
  const busy = isSubmitting || form.busy;
  return (
    <Button type="submit" disabled={!hydrated || busy} {...props}>
      {busy ? <Loader2 className="animate-spin" aria-hidden /> : icon}
      {busy ? pending : children}
    </Button>
  );
}
