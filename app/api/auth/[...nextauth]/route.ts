import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const params = await ctx.params;
  // next-auth 4 reads the catch-all segment from ctx.params synchronously.
  return NextAuth(req as never, { params } as never, authOptions());
}

export { handler as GET, handler as POST };
