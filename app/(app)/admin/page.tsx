import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageCaller } from "@/lib/auth/page-access";
import { getInstanceSettings, monthlySpend } from "@/lib/instance/settings";
import { Card } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/progress-bar";
import { InstanceSettingsForm } from "./_components/instance-settings-form";
import { People } from "./_components/people";
import { listPeople } from "@/lib/users/password-reset";

export const metadata: Metadata = { title: "Admin" };
export const dynamic = "force-dynamic";

const usd = (n: number) => `$${n.toFixed(n < 10 ? 2 : 0)}`;

export default async function AdminPage() {
  const { user, caller } = await requirePageCaller();
  if (!user.isAdmin) notFound();
  const [settings, spend, people] = await Promise.all([getInstanceSettings(), monthlySpend(), listPeople(caller)]);
  const share = spend.limitUsd ? Math.min(1, (spend.spentUsd + spend.reservedUsd) / spend.limitUsd) : 0;
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">Instance settings</h1>
      <Card title={`Model spend in ${spend.month} (all projects)`}>
        <p className="text-sm text-slate-700">
          Spent <strong>{usd(spend.spentUsd)}</strong>
          {spend.reservedUsd > 0 && <> (and {usd(spend.reservedUsd)} held for requests out now)</>}
          {spend.limitUsd !== null ? <> of {usd(spend.limitUsd)}.</> : <>; no monthly limit.</>}
        </p>
        {spend.limitUsd !== null && (
          <div className="mt-2">
            <ProgressBar value={share} label="Share of the monthly limit used" />
          </div>
        )}
      </Card>
      <Card title="Money and projects">
        <InstanceSettingsForm settings={settings} />
      </Card>
      <Card title={`People (${people.length})`}>
        <People people={people.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() }))} selfId={user.id} />
      </Card>
    </div>
  );
}
