"use client";
import { JsForm } from "@/components/ui/js-form";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, FormError, Input, Select } from "@/components/ui/field";
import { useToast } from "@/components/ui/toast";
import { inviteAction } from "../actions";

export function InviteForm({ projectId }: { projectId: string }) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [link, setLink] = useState<{ url: string; email: string } | null>(null);
  const [pending, setPending] = useState(false);
  const toast = useToast();

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    const res = await inviteAction(projectId, { email: String(form.get("email") ?? ""), role: String(form.get("role") ?? "ANNOTATOR") });
    setPending(false);
    if (!res.ok) {
      setErrors(res.fieldErrors ?? {});
      setMessage(res.message);
      return;
    }
    setErrors({});
    setMessage(undefined);
    setLink({ url: res.data.link, email: res.data.email });
    e.currentTarget?.reset();
  }

  return (
    <div className="space-y-4">
      <JsForm onSubmit={submit} className="space-y-4">
        <FormError message={message} />
        <Field id="invite-email" label="Email" error={errors.email}>
          <Input id="invite-email" name="email" type="email" required error={errors.email} />
        </Field>
        <Field id="invite-role" label="Role" hint="Annotators review items; leads also configure, import, run and export.">
          <Select id="invite-role" name="role" defaultValue="ANNOTATOR">
            <option value="ANNOTATOR">Annotator</option>
            <option value="LEAD">Lead</option>
          </Select>
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating link…" : "Create invitation link"}
        </Button>
      </JsForm>
      {link && (
        <div className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm">
          <p>
            Send this link to <strong>{link.email}</strong>. It works once and expires in 7 days; it is not shown again.
          </p>
          <Input readOnly value={link.url} aria-label="Invitation link" data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
          <Button
            size="sm"
            variant="secondary"
            onClick={async () => {
              await navigator.clipboard?.writeText(link.url).catch(() => {});
              toast("Link copied.");
            }}
          >
            Copy link
          </Button>
        </div>
      )}
    </div>
  );
}
