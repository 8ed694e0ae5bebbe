/**
 * npm run user -- add <email> [--role ADMIN|AUDITOR] [--password <pw>] [--name <name>]
 *                 list
 *                 set-role <email> ADMIN|AUDITOR
 *                 disable <email> | enable <email>
 *                 reset-password <email> [--password <pw>]
 * Without --password a one-time password is printed and must be changed at first sign-in.
 */
import { parseArgs } from "node:util";
import { isRole } from "@/lib/auth/roles";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { CLI_ACTOR, loadConfigOrExit, usageFor, type Usage } from "@/lib/cli/cli-support";
import { ApplicationError } from "@/lib/errors/application-error";

const usage: Usage = usageFor([
  "usage: npm run user -- add <email> [--role ADMIN|AUDITOR] [--password <pw>] [--name <name>]",
  "       npm run user -- list | set-role <email> <role> | disable <email> | enable <email> | reset-password <email> [--password <pw>]",
]);

async function main() {
  loadConfigOrExit(usage);
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: "string" }, password: { type: "string" }, name: { type: "string" } },
  });
  const [command, email, extra] = positionals;
  if (values.password !== undefined && values.password.length < PASSWORD_MIN_LENGTH) {
    usage(`--password must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  const { prisma } = await import("@/lib/db/prisma");
  const users = await import("@/lib/users/manage-users");
  const findId = async (e: string | undefined) => {
    if (!e) usage("an email is required");
    const user = await prisma.user.findUnique({ where: { email: e.toLowerCase() } });
    if (!user) usage(`no user ${e}`);
    return user.id;
  };

  try {
    switch (command) {
      case "add": {
        if (!email) usage("an email is required");
        const role = values.role ?? "AUDITOR";
        if (!isRole(role)) usage("--role must be ADMIN or AUDITOR");
        const created = await users.createUser(CLI_ACTOR, {
          email,
          role,
          name: values.name,
          password: values.password,
        });
        console.log(`created ${created.email} (${role})`);
        if (created.oneTimePassword) console.log(`one-time password: ${created.oneTimePassword}`);
        break;
      }
      case "list": {
        const all = await prisma.user.findMany({ orderBy: { email: "asc" } });
        for (const u of all) console.log(`${u.email}\t${u.role}\t${u.disabled ? "disabled" : "active"}`);
        break;
      }
      case "set-role": {
        if (!extra || !isRole(extra)) usage("role must be ADMIN or AUDITOR");
        await users.setUserRole(CLI_ACTOR, await findId(email), extra);
        console.log(`${email} is now ${extra}`);
        break;
      }
      case "disable":
      case "enable":
        await users.setUserDisabled(CLI_ACTOR, await findId(email), command === "disable");
        console.log(`${email} ${command}d`);
        break;
      case "reset-password": {
        const { oneTimePassword } = await users.resetUserPassword(CLI_ACTOR, await findId(email), values.password);
        console.log(oneTimePassword ? `one-time password: ${oneTimePassword}` : "password set");
        break;
      }
      default:
        usage(command ? `unknown command ${command}` : undefined);
    }
  } catch (error) {
    if (error instanceof ApplicationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  } finally {
    await prisma.$disconnect();
  }
}

void main();
