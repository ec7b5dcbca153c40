import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth/session";
import { SignOutButton } from "./_components/sign-out-button";

// Shows who is signed in. Access to each page's data is checked by the page itself.
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center justify-between px-4">
          <Link href="/projects" className="text-lg font-bold tracking-tight text-indigo-700">
            Goldset
          </Link>
          <div className="flex items-center gap-3 text-sm text-slate-600">
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
