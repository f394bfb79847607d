"use client";
import {
  cloneElement,
  createContext,
  use,
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
import { buttonVariants } from "./button";

// An alert dialog on the browser's own modal <dialog> (showModal): the rest of the page is inert while it is
// open, Escape asks to close it, and a click outside does nothing (an alert dialog is answered, not
// dismissed). Focus goes to Cancel on open and back to its trigger (or to `returnFocus`) on close. The page
// does not scroll behind it. No Radix: focus scope, dismissable layer and scroll lock were ~10 kB gzip.

type Ctx = {
  open: boolean;
  setOpen: (open: boolean) => void;
  titleId: string;
  descriptionId: string;
  /** marks the button that opens it: focus goes back there (a click does not focus a button in every browser) */
  triggerId: string;
};
const DialogContext = createContext<Ctx | null>(null);

function useDialog(): Ctx {
  const ctx = use(DialogContext);
  if (!ctx) throw new Error("AlertDialog parts belong inside <AlertDialog>");
  return ctx;
}

/** The dialog's state: controlled by `open`, every request to change it through `onOpenChange`. */
export function AlertDialog({
  open,
  onOpenChange,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <DialogContext
      value={{ open, setOpen: onOpenChange, titleId: `${id}-title`, descriptionId: `${id}-description`, triggerId: `${id}-trigger` }}
    >
      {children}
    </DialogContext>
  );
}

/** Its one child (a button) opens the dialog. */
export function AlertDialogTrigger({ children, disabled }: { children: ReactElement; disabled?: boolean }) {
  const { open, setOpen, triggerId } = useDialog();
  const own = children.props as ComponentProps<"button">;
  const props: ComponentProps<"button"> & { "data-dialog-trigger": string } = {
    disabled: disabled || own.disabled,
    "aria-haspopup": "dialog",
    "aria-expanded": open,
    "data-dialog-trigger": triggerId,
    onClick: (e: MouseEvent<HTMLButtonElement>) => {
      own.onClick?.(e);
      if (!e.defaultPrevented) setOpen(true);
    },
  };
  return cloneElement(children, props);
}

/** The dialog itself, in the page only while open. */
export function AlertDialogContent(props: ComponentProps<"dialog"> & { returnFocus?: RefObject<HTMLElement | null> }) {
  return useDialog().open ? <OpenDialog {...props} /> : null;
}

function OpenDialog({
  className,
  returnFocus,
  children,
  ...props
}: ComponentProps<"dialog"> & { returnFocus?: RefObject<HTMLElement | null> }) {
  const { setOpen, titleId, descriptionId, triggerId } = useDialog();
  const ref = useRef<HTMLDialogElement>(null);
  const askClose = useRef(setOpen);
  useEffect(() => {
    askClose.current = setOpen;
  });

  useEffect(() => {
    const dialog = ref.current!;
    const back =
      returnFocus?.current ??
      document.querySelector<HTMLElement>(`[data-dialog-trigger="${triggerId}"]`) ??
      (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    const html = document.documentElement;
    const overflow = html.style.overflow;
    html.style.overflow = "hidden";
    dialog.showModal();
    dialog.querySelector<HTMLElement>("[data-dialog-cancel]:not(:disabled)")?.focus();
    // Escape: the dialog decides (it stays open while its request runs)
    const onCancel = (e: Event) => {
      e.preventDefault();
      askClose.current(false);
    };
    // The browser may close it without asking (a second Escape in a row): ask, and stay open if refused.
    const onClose = () => {
      askClose.current(false);
      requestAnimationFrame(() => {
        if (dialog.isConnected && !dialog.open) dialog.showModal();
      });
    };
    dialog.addEventListener("cancel", onCancel);
    dialog.addEventListener("close", onClose);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      dialog.removeEventListener("close", onClose);
      if (dialog.open) dialog.close();
      html.style.overflow = overflow;
      back?.focus();
    };
  }, [returnFocus, triggerId]);

  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      className={cn(
        "m-auto grid w-[calc(100%-2rem)] max-w-md gap-4 rounded-lg border bg-background p-6 text-foreground shadow-lg backdrop:bg-black/50",
        className,
      )}
      {...props}
    >
      {children}
    </dialog>
  );
}

export const AlertDialogTitle = ({ className, ...p }: ComponentProps<"h2">) => (
  <h2 id={useDialog().titleId} className={cn("text-lg font-semibold", className)} {...p} />
);
export const AlertDialogDescription = ({ className, ...p }: ComponentProps<"p">) => (
  <p id={useDialog().descriptionId} className={cn("text-sm text-muted-foreground", className)} {...p} />
);
export const AlertDialogFooter = ({ className, ...p }: ComponentProps<"div">) => (
  <div className={cn("flex justify-end gap-2", className)} {...p} />
);

/** Closes the dialog; it has the focus when the dialog opens. */
export function AlertDialogCancel({ className, onClick, ...p }: ComponentProps<"button">) {
  const { setOpen } = useDialog();
  return (
    <button
      type="button"
      data-dialog-cancel=""
      className={cn(buttonVariants({ variant: "outline" }), className)}
      onClick={(e) => {
        onClick?.(e);
        if (!e.defaultPrevented) setOpen(false);
      }}
      {...p}
    />
  );
}
