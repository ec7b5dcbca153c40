"use client";
import { useRouter } from "next/navigation";
import { ProjectForm, type ProjectFormValues } from "@/components/projects/project-form";
import { useToast } from "@/components/ui/toast";
import { updateProjectAction } from "../actions";

export function EditProjectForm({
  projectId,
  initial,
  retired,
  taskTypeLocked,
}: {
  projectId: string;
  initial: ProjectFormValues;
  retired: { id: string; name: string; description: string; color: string }[];
  taskTypeLocked: boolean;
}) {
  const router = useRouter();
  const toast = useToast();
  return (
    <ProjectForm
      initial={initial}
      retired={retired}
      taskTypeLocked={taskTypeLocked}
      submitLabel="Save changes"
      onSubmit={async (values) => {
        const res = await updateProjectAction(projectId, taskTypeLocked ? { ...values, taskType: initial.taskType } : values);
        if (res.ok) {
          toast("Project saved.");
          router.refresh();
        }
        return res;
      }}
    />
  );
}
