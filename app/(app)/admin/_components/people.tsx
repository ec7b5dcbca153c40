"use client";
// Everyone on the instance, with a password reset for whoever is locked out: the admin gets a
// one-time link to hand over (shown once; making another cancels the earlier one).
import { useActionState } from "react";
import { FormError, Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { resetPasswordAction } from "../actions";

type Person = { id: string; name: string; email: string; isAdmin: boolean; createdAt: string };

export function People({ people, selfId }: { people: Person[]; selfId: string }) {
  const [state, action] = useActionState(resetPasswordAction, null);
  const link = state?.ok ? state.data : null;
  return (
    <div className="space-y-3">
      <FormError message={state && !state.ok ? state.message : undefined} />
      {link && (
        <div className="space-y-2 rounded-md border border-green-200 bg-green-50 p-3 text-sm" role="status">
          <p>
            Give this link to <strong>{link.email}</strong>. It sets a new password once, within {link.hours} hours, and signs them out everywhere; it is not
            shown again.
          </p>
          <Input readOnly value={link.link} aria-label="Password reset link" data-testid="reset-link" onFocus={(e) => e.currentTarget.select()} />
        </div>
      )}
      <div className="overflow-x-auto">
        <Table>
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Since</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {people.map((p) => (
              <Tr key={p.id}>
                <Td>
                  {p.name}
                  {p.isAdmin && <span className="ml-1 text-xs text-slate-500">(admin)</span>}
                </Td>
                <Td>{p.email}</Td>
                <Td>{p.createdAt.slice(0, 10)}</Td>
                <Td>
                  {p.id !== selfId && (
                    <form action={action}>
                      <input type="hidden" name="userId" value={p.id} />
                      <SubmitButton size="sm" variant="secondary" pendingLabel="Making link…" aria-label={`Reset the password of ${p.name}`}>
                        Reset password
                      </SubmitButton>
                    </form>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
    </div>
  );
}
