"use client";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";

/** A label that, like Radix's, does not select its text on a double click (it still focuses its control). */
export function Label({ className, onMouseDown, ...props }: ComponentProps<"label">) {
  return (
    <label
      className={cn("text-sm leading-none font-medium", className)}
      onMouseDown={(e) => {
        onMouseDown?.(e);
        if (!e.defaultPrevented && e.detail > 1 && !(e.target as HTMLElement).closest("button, input, select, textarea"))
          e.preventDefault();
      }}
      {...props}
    />
  );
}
