import type { Metadata } from "next";
import { requirePageProjectAccess } from "@/lib/auth/page-access";
import { getProject } from "@/lib/projects/queries";
import { GuidelinesView } from "@/components/projects/guidelines-view";
import { ReviewScreen } from "@/components/labeling/review-screen";
import { ProjectHeader } from "../_components/project-header";
import { ContentWarningGate } from "@/components/labeling/care";
import { careFor } from "@/lib/reviews/care";
import { acknowledgeWarningAction } from "./actions";

export const metadata: Metadata = { title: "Review" };
export const dynamic = "force-dynamic";

export default async function ReviewPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const { access } = await requirePageProjectAccess(projectId);
  const [project, care] = await Promise.all([getProject(access), careFor(access)]);
  return (
    <>
      <ProjectHeader project={project} role={access.role} current="review" />
      <ContentWarningGate projectId={projectId} warning={care.warning} onAcknowledge={acknowledgeWarningAction.bind(null, projectId, {})}>
        <ReviewScreen
          projectId={projectId}
          taskType={project.taskType}
          labels={project.labels.map((l) => ({ name: l.name, description: l.description, color: l.color, hotkey: l.hotkey, scale: l.scale }))}
          guidelines={<GuidelinesView markdown={project.guidelines} />}
          blindShare={access.project.blindShare}
          care={{ blurDistressing: care.blurDistressing, breakMinutes: care.breakMinutes }}
        />
      </ContentWarningGate>
    </>
  );
}
