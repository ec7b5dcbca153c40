import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { instanceHasUsers } from "@/lib/users/queries";

export const dynamic = "force-dynamic";

export default async function Home() {
  if (!(await instanceHasUsers())) redirect("/setup");
  redirect((await getSessionUser()) ? "/projects" : "/sign-in");
}
