import type { Metadata } from "next";
import { requirePageUser } from "@/lib/auth/session";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { TokenForm } from "./_components/token-form";
import { revokeTokenAction } from "./actions";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requirePageUser();
  const tokens = await listApiTokens(user.id);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">{user.name}</h1>
      <Card title="API tokens">
        <TokenForm />
        {tokens.length > 0 && (
          <Table>
            <THead>
              <Tr>
                <Th>Name</Th>
                <Th>Token</Th>
                <Th>Created</Th>
                <Th>Last used</Th>
                <Th />
              </Tr>
            </THead>
            <TBody>
              {tokens.map((t) => (
                <Tr key={t.id}>
                  <Td>{t.name}</Td>
                  <Td className="font-mono text-xs">{t.prefix}…</Td>
                  <Td>{t.createdAt.toLocaleDateString()}</Td>
                  <Td>{t.lastUsedAt ? t.lastUsedAt.toLocaleString() : "never"}</Td>
                  <Td>
                    {t.revokedAt ? (
                      <span className="text-slate-500">revoked</span>
                    ) : (
                      <form action={revokeTokenAction.bind(null, t.id)}>
                        <Button type="submit" variant="danger" size="sm">
                          Revoke
                        </Button>
                      </form>
                    )}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
    </div>
  );
}
