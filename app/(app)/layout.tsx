import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageCaller } from "@/lib/auth/page-access";
import { SignOutButton } from "./_components/sign-out-button";

// Shows who is signed in. Access to each page's data is checked by the page itself.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user } = await requirePageCaller();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4">
          <Link href="/projects" className="text-lg font-bold tracking-tight text-indigo-700">
            Goldset
          </Link>
          <div className="flex items-center gap-3 text-sm text-slate-600">
            {user.isAdmin && (
              <Link href="/admin" className="hover:text-slate-900" title="Instance settings: who may create projects, the monthly spend limit">
                Admin
              </Link>
            )}
            <Link href="/account" className="hover:text-slate-900" title="Account and API tokens">
              {user.name}
              {user.isAdmin && <span className="ml-1 text-xs text-slate-400">(admin)</span>}
            </Link>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </div>
  );
}
