"use client";
import {
  cloneElement,
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  type ComponentProps,
  type MouseEvent,
  type ReactElement,
  type ReactNode,
  type RefObject,
} from "react";
import { cn } from "@/lib/utils";

// A non-modal popover for the workspace switcher, on every console page: a panel under its trigger that
// takes focus when it opens and closes on Escape (focus back on the trigger), a click outside or focus
// leaving it. Hand-written rather than Radix's Popover, whose positioning engine (floating-ui), focus scope
// and dismissable layer were ~25 kB gzip of every page's first-load JavaScript (issue 10: ≤ 180 kB).

type State = { open: boolean; setOpen: (open: boolean) => void; trigger: RefObject<HTMLElement | null>; contentId: string };
const PopoverContext = createContext<State | null>(null);

function usePopover(): State {
  const state = useContext(PopoverContext);
  if (!state) throw new Error("Popover parts must be inside <Popover>");
  return state;
}

export function Popover({ open, onOpenChange, children }: { open: boolean; onOpenChange: (open: boolean) => void; children: ReactNode }) {
  const trigger = useRef<HTMLElement | null>(null);
  const contentId = useId();
  return (
    <PopoverContext value={{ open, setOpen: onOpenChange, trigger, contentId }}>
      <div className="relative inline-block">{children}</div>
    </PopoverContext>
  );
}

/** The one child (a button) opens and closes the popover and says so (aria-expanded, aria-controls). */
export function PopoverTrigger({ children }: { asChild?: boolean; children: ReactElement<ComponentProps<"button">> }) {
  const { open, setOpen, trigger, contentId } = usePopover();
  return cloneElement(children, {
    ref: trigger as RefObject<HTMLButtonElement>,
    type: "button",
    "aria-haspopup": "dialog",
    "aria-expanded": open,
    "aria-controls": open ? contentId : undefined,
    onClick: (e: MouseEvent<HTMLButtonElement>) => {
      children.props.onClick?.(e);
      setOpen(!open);
    },
  } as ComponentProps<"button">);
}

export function PopoverContent({ className, children, ...props }: ComponentProps<"div">) {
  const { open, setOpen, trigger, contentId } = usePopover();
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // focus the first field or control inside, as a dialog does
    panel.current?.querySelector<HTMLElement>("input, button, [href], [tabindex]:not([tabindex='-1'])")?.focus();
    const outside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !trigger.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open, setOpen, trigger]);

  if (!open) return null;
  return (
    <div
      ref={panel}
      id={contentId}
      role="dialog"
      className={cn(
        "absolute top-full left-0 z-50 mt-1 w-72 rounded-md border bg-popover p-0 text-popover-foreground shadow-md outline-none",
        className,
      )}
      onKeyDown={(e) => {
        if (e.key !== "Escape") return;
        e.preventDefault();
        setOpen(false);
        trigger.current?.focus();
      }}
      onBlur={(e) => {
        const next = e.relatedTarget as Node | null;
        if (next && !panel.current?.contains(next) && !trigger.current?.contains(next)) setOpen(false);
      }}
      {...props}
    >
      {children}
    </div>
  );
}
