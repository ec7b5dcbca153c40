import type { Metadata } from "next";
import { requirePageCaller } from "@/lib/auth/page-access";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { Card } from "@/components/ui/card";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TokenForm } from "./_components/token-form";
import { RevokeTokenForm } from "./_components/revoke-token-form";
import { PasswordForm } from "./_components/password-form";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const { user, caller } = await requirePageCaller();
  const tokens = await listApiTokens(caller);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{user.name}</h1>
        <p className="text-sm text-slate-600">{user.email}</p>
      </div>
      <Card title="API tokens">
        <p className="mb-3 text-sm text-slate-600">
          What a token can call is in the{" "}
          <a className="text-indigo-700 underline" href="/api-docs">
            API reference
          </a>
          .
        </p>
        <TokenForm />
        {tokens.length > 0 && (
          <div className="mt-4 overflow-x-auto">
            <Table>
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Token</Th>
                  <Th>Scopes</Th>
                  <Th>Created</Th>
                  <Th>Expires</Th>
                  <Th>Last used</Th>
                  <Th />
                </Tr>
              </THead>
              <TBody>
                {tokens.map((t) => (
                  <Tr key={t.id}>
                    <Td>{t.name}</Td>
                    <Td className="font-mono text-xs">{t.prefix}…</Td>
                    <Td>{t.scopes.join(", ")}</Td>
                    <Td>{t.createdAt.toLocaleDateString("en-US")}</Td>
                    <Td>{t.expiresAt ? (t.expiresAt < now ? "expired" : t.expiresAt.toLocaleDateString("en-US")) : "never"}</Td>
                    <Td>{t.lastUsedAt ? t.lastUsedAt.toLocaleString("en-US") : "never"}</Td>
                    <Td>{t.revokedAt ? <span className="text-slate-500">revoked</span> : <RevokeTokenForm tokenId={t.id} name={t.name} />}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </Card>
      <Card title="Password">
        <PasswordForm />
      </Card>
    </div>
  );
}
