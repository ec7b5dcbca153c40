// Any address the app does not have, signed in or not: the brand, what happened and the way back.
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center px-4">
          <Link href="/projects" className="text-lg font-bold tracking-tight text-indigo-700">
            Goldset
          </Link>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-xl px-4 py-16 text-center">
        <h1 className="text-xl font-semibold text-slate-900">Page not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is nothing at this address. It may have moved, or the link may be mistyped.</p>
        <div className="mt-6">
          <ButtonLink href="/projects">Go to your projects</ButtonLink>
        </div>
      </main>
    </div>
  );
}
