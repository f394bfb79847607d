import type { ComponentProps } from "react";
import { NativeSelect } from "./ui/input";

/** A select of IANA time zones (the list comes from the server, so both sides agree on it). */
export function TimeZoneSelect({ zones, ...props }: ComponentProps<typeof NativeSelect> & { zones: string[] }) {
  return (
    <NativeSelect {...props}>
      {zones.map((z) => (
        <option key={z} value={z}>
          {z}
        </option>
      ))}
    </NativeSelect>
  );
}
