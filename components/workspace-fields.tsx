"use client";
import type { ReactNode } from "react";
import type { Path } from "react-hook-form";
import type { SchemaForm } from "@/lib/ui/use-schema-form";
import { TimeZoneSelect } from "./time-zone-select";
import { FormField } from "./ui/form";
import { Input } from "./ui/input";

/** A workspace's name and time zone, as creating a workspace, adding a client and Settings all ask for them. */
export function WorkspaceFields<V extends { name?: string; timezone?: string }>({
  form,
  idPrefix,
  nameLabel,
  nameHint,
  zoneHint,
  zones,
  children,
}: {
  form: SchemaForm<V>;
  idPrefix: string;
  nameLabel: string;
  nameHint?: string;
  zoneHint?: string;
  zones: string[];
  /** Fields shown between the name and the time zone. */
  children?: ReactNode;
}) {
  return (
    <>
      <FormField
        form={form}
        name={"name" as Path<V>}
        id={`${idPrefix}-name`}
        label={nameLabel}
        hint={nameHint}
        render={(p) => <Input {...p} />}
      />
      {children}
      <FormField
        form={form}
        name={"timezone" as Path<V>}
        id={`${idPrefix}-timezone`}
        label="Time zone"
        hint={zoneHint}
        render={(p) => <TimeZoneSelect zones={zones} {...p} />}
      />
    </>
  );
}
