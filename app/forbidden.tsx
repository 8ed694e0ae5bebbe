import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";

export default function Forbidden() {
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-2xl font-semibold">Not allowed</h1>
      <p className="text-sm text-muted-foreground">
        Your role does not give access to this page. Ask an admin if you need it.
      </p>
      <Link href="/connections" className={buttonVariants({ variant: "outline" })}>
        Back to connections
      </Link>
    </main>
  );
}
