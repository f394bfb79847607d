"use client";
import { useId, useState, type ReactElement, type ReactNode, type RefObject } from "react";
import { Loader2 } from "lucide-react";
import { useMutation, type MutationOptions, type MutationRequest } from "@/lib/ui/use-mutation";
import { useHydrated } from "@/lib/ui/use-hydrated";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";

type Props<T> = {
  /** The button that opens the dialog (focus returns to it). Without one, the caller drives `open`. */
  trigger?: ReactElement;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Without a trigger: where focus returns when the dialog closes (e.g. the select that opened it). */
  returnFocus?: RefObject<HTMLElement | null>;
  title: string;
  description: ReactNode;
  /** The confirm button's label, and its label while the request runs. */
  confirm: string;
  pending: string;
  cancel?: string;
  /** Red confirm button: the action takes something away. */
  destructive?: boolean;
  /** The confirm button stays disabled until this exact text is typed (e.g. a workspace's name). */
  typeToConfirm?: string;
  request: MutationRequest;
  options?: MutationOptions<T>;
};

/**
 * Confirm, then send: the one dialog before anything destructive or access-changing. It stays open while the
 * request runs, closes on success, and shows a failure inside itself (announced) so Cancel is one key away.
 */
export function ConfirmDialog<T>({
  trigger,
  open,
  onOpenChange,
  returnFocus,
  title,
  description,
  confirm,
  pending,
  cancel = "Cancel",
  destructive = true,
  typeToConfirm,
  request,
  options,
}: Props<T>) {
  const mutation = useMutation();
  const hydrated = useHydrated();
  const inputId = useId();
  const [ownOpen, setOwnOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const isOpen = open ?? ownOpen;

  function setOpen(next: boolean) {
    if (!next && mutation.pending) return; // a running request is seen through
    if (!next) {
      setTyped("");
      mutation.clearProblem();
    }
    setOwnOpen(next);
    onOpenChange?.(next);
  }

  async function onConfirm() {
    const r = await mutation.run<T>(request, { ...options, inline: true });
    if (r?.ok && !options?.reload) setOpen(false);
  }

  const typedOk = typeToConfirm === undefined || typed.trim() === typeToConfirm;
  return (
    <AlertDialog open={isOpen} onOpenChange={setOpen}>
      {trigger ? <AlertDialogTrigger disabled={!hydrated}>{trigger}</AlertDialogTrigger> : null}
      <AlertDialogContent aria-busy={mutation.pending} returnFocus={returnFocus}>
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription>{description}</AlertDialogDescription>
        {typeToConfirm !== undefined ? (
          <Field id={inputId} label={`Type ${typeToConfirm} to confirm`}>
            <Input id={inputId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
          </Field>
        ) : null}
        {mutation.problem ? (
          <p role="alert" className="text-sm font-medium text-destructive">
            {mutation.problem.detail}
          </p>
        ) : null}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={mutation.pending}>{cancel}</AlertDialogCancel>
          <Button
            type="button"
            variant={destructive ? "destructive" : "default"}
            disabled={!typedOk || mutation.pending}
            onClick={onConfirm}
          >
            {mutation.pending ? <Loader2 className="animate-spin" aria-hidden /> : null}
            {mutation.pending ? pending : confirm}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
