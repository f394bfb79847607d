import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="grid min-h-dvh place-items-center px-4">
      <div className="text-center">
        <h1 className="text-xl font-semibold">Not found</h1>
        <p className="mt-2 text-sm text-muted-foreground">This page does not exist, or you are not a member of its workspace.</p>
        <Link href="/" className="mt-4 inline-block text-sm underline underline-offset-4">
          Back to your workspaces
        </Link>
      </div>
    </main>
  );
}
