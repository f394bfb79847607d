"use client";
import { AlertDialog as P } from "radix-ui";
import type { ComponentProps } from "react";
import { cn } from "@/lib/utils";
import { buttonVariants } from "./button";

export const AlertDialog = P.Root;
export const AlertDialogTrigger = P.Trigger;

export function AlertDialogContent({ className, ...props }: ComponentProps<typeof P.Content>) {
  return (
    <P.Portal>
      <P.Overlay className="fixed inset-0 z-50 bg-black/50" />
      <P.Content
        className={cn(
          "fixed top-1/2 left-1/2 z-50 grid w-full max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-lg border bg-background p-6 shadow-lg",
          className,
        )}
        {...props}
      />
    </P.Portal>
  );
}
export const AlertDialogTitle = ({ className, ...p }: ComponentProps<typeof P.Title>) => (
  <P.Title className={cn("text-lg font-semibold", className)} {...p} />
);
export const AlertDialogDescription = ({ className, ...p }: ComponentProps<typeof P.Description>) => (
  <P.Description className={cn("text-sm text-muted-foreground", className)} {...p} />
);
export const AlertDialogFooter = ({ className, ...p }: ComponentProps<"div">) => (
  <div className={cn("flex justify-end gap-2", className)} {...p} />
);
export const AlertDialogCancel = ({ className, ...p }: ComponentProps<typeof P.Cancel>) => (
  <P.Cancel className={cn(buttonVariants({ variant: "outline" }), className)} {...p} />
);
export const AlertDialogAction = ({ className, ...p }: ComponentProps<typeof P.Action>) => (
  <P.Action className={cn(buttonVariants({ variant: "destructive" }), className)} {...p} />
);
