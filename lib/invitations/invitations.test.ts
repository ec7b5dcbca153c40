import { describe, expect, it } from "vitest";
import { getDb } from "@/lib/db";
import { createInstanceInvitation, createProjectInvitation, invitationSchema } from "@/lib/invitations/create-invitation";
import { acceptInvitationAsUser, acceptInvitationWithNewAccount } from "@/lib/invitations/accept-invitation";
import { viewInvitation } from "@/lib/invitations/queries";
import { hashOneTimeToken } from "@/lib/auth/one-time-tokens";
import { accessFor, addMember, callerOf, createTestProject, createTestUser, leadAccess } from "@/lib/testing/factories";

const invite = async (leadId: string, projectId: string, input: object) =>
  createProjectInvitation(await leadAccess(leadId, projectId), invitationSchema.parse(input));
const roleOf = async (userId: string, projectId: string) =>
  (await getDb()).membership.findUnique({ where: { projectId_userId: { projectId, userId } } }).then((m) => m?.role ?? null);

describe("invitations", () => {
  it("are created by leads, stored hashed, used once, and give the invited role", async () => {
    const lead = await createTestUser();
    const project = await createTestProject(lead.id);
    const inv = await invite(lead.id, project.id, { email: "New.Person@Example.com", role: "ANNOTATOR" });
    const db = await getDb();
    const stored = await db.invitation.findUniqueOrThrow({ where: { id: inv.id } });
    expect(stored.tokenHash).toBe(hashOneTimeToken(inv.token));
    expect(stored.tokenHash).not.toContain(inv.token);
    expect(stored.email).toBe("new.person@example.com");

    const accepted = await acceptInvitationWithNewAccount(inv.token, { name: "New Person", password: "a long password" });
    expect(await roleOf(accepted.userId, project.id)).toBe("ANNOTATOR");
    await expect(acceptInvitationWithNewAccount(inv.token, { name: "Again", password: "a long password" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await viewInvitation(inv.token)).state).toBe("used");
  });

  it("expire", async () => {
    const lead = await createTestUser();
    const project = await createTestProject(lead.id);
    const inv = await invite(lead.id, project.id, { email: "late@example.com" });
    const db = await getDb();
    await db.invitation.update({ where: { id: inv.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await viewInvitation(inv.token)).state).toBe("expired");
    await expect(acceptInvitationWithNewAccount(inv.token, { name: "Late", password: "a long password" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.user.findUnique({ where: { email: "late@example.com" } })).toBeNull();
  });

  it("cannot be created by annotators or outsiders, nor accepted by another account", async () => {
    const lead = await createTestUser();
    const annotator = await createTestUser();
    const outsider = await createTestUser();
    const project = await createTestProject(lead.id);
    await addMember(project.id, annotator.id, "ANNOTATOR");
    await expect(accessFor(annotator.id, project.id, { role: "LEAD" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(accessFor(outsider.id, project.id, { role: "LEAD" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(() => createInstanceInvitation(callerOf(lead), { email: "x@example.com", role: "ANNOTATOR" })).toThrow(/Only admins/);

    const inv = await invite(lead.id, project.id, { email: annotator.email, role: "LEAD" });
    await expect(acceptInvitationAsUser(inv.token, outsider.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await viewInvitation(inv.token)).state).toBe("valid"); // the failed attempt did not use it up
    await acceptInvitationAsUser(inv.token, annotator.id);
    expect(await roleOf(annotator.id, project.id)).toBe("LEAD");
  });
});
