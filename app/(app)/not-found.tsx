// notFound() inside the app (a project that is not yours or no longer exists, an unknown item):
// shown in the app's layout, with the way back. A project one cannot see is "not found", never
// "forbidden", so its existence is not revealed.
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function AppNotFound() {
  return (
    <EmptyState title="Not found" actions={<ButtonLink href="/projects">Back to your projects</ButtonLink>}>
      This page does not exist, or it belongs to a project you are not a member of. If someone sent you the link, ask them to invite you.
    </EmptyState>
  );
}
