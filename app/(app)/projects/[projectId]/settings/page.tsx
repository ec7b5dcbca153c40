import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { isSingleValued } from "@/lib/values/value";
import { Card } from "@/components/ui/card";
import { ProjectHeader } from "../_components/project-header";
import { EditProjectForm } from "./_components/edit-project-form";
import { ArchiveButton } from "./_components/archive-button";
import { ReviewSettingsForm } from "./_components/review-settings-form";
import { AutoAcceptForm } from "./_components/auto-accept-form";
import { CareForm } from "./_components/care-form";
import { careSettings } from "@/lib/reviews/care";
import { WebhooksCard, type WebhookView } from "./_components/webhooks-card";
import { listWebhooks } from "@/lib/webhooks/hooks";
import type { Attempt } from "@/lib/webhooks/deliver";
import { hasTaskLearner } from "@/lib/learner/task-types";
import { latestApply } from "@/lib/gold/apply-job";
import { auditSummary, type AutoAcceptCertificate } from "@/lib/gold/auto-accept";
import { AutoAcceptNow } from "../quality/_components/auto-accept-now";
import { readScale, taskTypeDef } from "@/lib/task-types";

export const metadata: Metadata = { title: "Settings" };
export const dynamic = "force-dynamic";

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId, "LEAD");
  const [p, hooks, apply, audit, care] = await Promise.all([
    getProject(access),
    listWebhooks(access, { deliveries: 5 }),
    latestApply(projectId),
    auditSummary(access),
    careSettings(access),
  ]);
  const hookViews: WebhookView[] = hooks.map((h) => ({
    id: h.id,
    url: h.url,
    events: h.events,
    active: h.active,
    deliveries: h.deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attemptCount: d.attemptCount,
      createdAt: d.createdAt.toISOString(),
      lastAttempt: (d.attempts as Attempt[]).at(-1) ?? null,
    })),
  }));
  // The task learner handles single-label and multi-label projects only.
  const hasLearner = hasTaskLearner(p.taskType);
  return (
    <>
      <ProjectHeader project={p} role={access.role} current="settings" />
      <div className="max-w-3xl space-y-6">
        <Card title="Project">
          <EditProjectForm
            projectId={projectId}
            taskTypeLocked={p.counts.total > 0}
            retired={p.retiredLabels.map((l) => ({ id: l.id, name: l.name, description: l.description, color: l.color }))}
            initial={{
              name: p.name,
              description: p.description,
              taskType: p.taskType,
              guidelines: p.guidelines,
              labels: p.labels.map((l) => ({
                id: l.id,
                name: l.name,
                description: l.description,
                color: l.color,
                hotkey: l.hotkey,
                scale: readScale(l.scale),
              })),
              pairwiseBothBad: taskTypeDef(p.taskType).fixedLabels && p.labels.some((l) => l.name === "both_bad"),
            }}
          />
        </Card>
        <Card title="Review">
          <ReviewSettingsForm
            projectId={projectId}
            learner={hasLearner}
            initial={{ reviewersPerItem: p.reviewersPerItem, blindPercent: Math.round(p.blindShare * 1000) / 10, queueOrder: p.queueOrder }}
          />
        </Card>
        <Card title="Care for reviewers">
          <CareForm projectId={projectId} initial={care} />
        </Card>
        <Card title="Auto-accept under an error budget">
          <AutoAcceptForm
            projectId={projectId}
            learner={hasLearner}
            initial={{
              errorBudgetPercent: p.errorBudget === null ? null : Math.round(p.errorBudget * 1000) / 10,
              autoAccept: p.autoAccept,
              auditPercent: Math.round(p.auditShare * 100),
              learnerCascade: p.learnerCascade,
              groundedOnly: p.autoAcceptGroundedOnly,
            }}
            labels={
              isSingleValued(p.taskType)
                ? p.labels.map((l) => ({ name: l.name, color: l.color, percent: l.errorBudget === null ? null : Math.round(l.errorBudget * 1000) / 10 }))
                : undefined
            }
            apply={apply}
          />
          <AutoAcceptNow
            projectId={projectId}
            certificate={p.autoAcceptCertificate as AutoAcceptCertificate | null}
            budget={p.errorBudget}
            on={p.autoAccept}
            pausedReason={p.autoAcceptPauseReason}
            audit={audit}
          />
        </Card>
        <Card title="Webhooks">
          <WebhooksCard projectId={projectId} hooks={hookViews} />
        </Card>
        <Card title={p.archivedAt ? "Archived" : "Archive"}>
          <p className="mb-3 text-sm text-slate-600">
            {p.archivedAt
              ? "This project is archived: it is hidden from the projects list. Restore it to work on it again."
              : "Archiving hides the project from everyone's list. Nothing is deleted; you can restore it."}
          </p>
          <ArchiveButton projectId={projectId} archived={Boolean(p.archivedAt)} />
        </Card>
      </div>
    </>
  );
}
