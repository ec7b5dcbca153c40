import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageCaller } from "@/lib/auth/page-access";
import { SignOutButton } from "./_components/sign-out-button";

// Shows who is signed in. Access to each page's data is checked by the page itself.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await requirePageCaller();
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded bg-white px-3 py-2 text-sm font-medium text-indigo-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-3 px-4">
          <Link href="/projects" className="text-lg font-bold tracking-tight text-indigo-700">
            Goldset
          </Link>
          <div className="flex min-w-0 items-center gap-3 text-sm text-slate-600">
            {user.isAdmin && (
              <Link href="/admin" className="hover:text-slate-900" title="Instance settings: who may create projects, the monthly spend limit">
                Admin
              </Link>
            )}
            <Link href="/account" className="truncate hover:text-slate-900" title="Account and API tokens">
              {user.name}
              {user.isAdmin && <span className="ml-1 text-xs text-slate-500">(admin)</span>}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto max-w-6xl px-4 py-8 focus:outline-none">
        {children}
      </main>
    </div>
  );
}
