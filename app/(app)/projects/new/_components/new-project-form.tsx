"use client";
import { useRouter } from "next/navigation";
import { ProjectForm } from "@/components/projects/project-form";
import { createProjectAction } from "../../actions";

export function NewProjectForm() {
  const router = useRouter();
  return (
    <ProjectForm
      submitLabel="Create project"
      onSubmit={async (values) => {
        const res = await createProjectAction(values);
        if (res.ok) router.push(`/projects/${res.data.id}/imports`);
        return res;
      }}
    />
  );
}
