import { readFile } from "node:fs/promises";
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeletePolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  IAMClient,
  IAMServiceException,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupPoliciesCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListPoliciesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import type { Command } from "commander";

/** An SDK command class; the verb table keeps them apart from their input and output types. */
type AnyCommand = new (input: never) => object;

/**
 * One verb: its SDK command, its flags (`!` = required, `?` = boolean, `*` = tag list) and, for
 * paginated lists, the member whose pages are merged (as `aws iam` does).
 */
interface Verb {
  command: AnyCommand;
  flags: string[];
  list?: string;
}

const USER = "!user-name";
const GROUP = "!group-name";
const ARN = "!policy-arn";
const POLICY = "!policy-name";
const DOC = "!policy-document";

/** Every `fleetrun iam` verb, named and flagged as in `aws iam`. */
const VERBS: Record<string, Verb> = {
  "create-user": { command: CreateUserCommand, flags: [USER, "path", "*tags"] },
  "get-user": { command: GetUserCommand, flags: ["user-name"] },
  "list-users": { command: ListUsersCommand, flags: ["path-prefix"], list: "Users" },
  "delete-user": { command: DeleteUserCommand, flags: [USER] },
  "create-access-key": { command: CreateAccessKeyCommand, flags: ["user-name"] },
  "list-access-keys": { command: ListAccessKeysCommand, flags: ["user-name"], list: "AccessKeyMetadata" },
  "update-access-key": { command: UpdateAccessKeyCommand, flags: ["user-name", "!access-key-id", "!status"] },
  "delete-access-key": { command: DeleteAccessKeyCommand, flags: ["user-name", "!access-key-id"] },
  "put-user-policy": { command: PutUserPolicyCommand, flags: [USER, POLICY, DOC] },
  "get-user-policy": { command: GetUserPolicyCommand, flags: [USER, POLICY] },
  "list-user-policies": { command: ListUserPoliciesCommand, flags: [USER], list: "PolicyNames" },
  "delete-user-policy": { command: DeleteUserPolicyCommand, flags: [USER, POLICY] },
  "create-group": { command: CreateGroupCommand, flags: [GROUP, "path"] },
  "get-group": { command: GetGroupCommand, flags: [GROUP], list: "Users" },
  "list-groups": { command: ListGroupsCommand, flags: ["path-prefix"], list: "Groups" },
  "delete-group": { command: DeleteGroupCommand, flags: [GROUP] },
  "add-user-to-group": { command: AddUserToGroupCommand, flags: [GROUP, USER] },
  "remove-user-from-group": { command: RemoveUserFromGroupCommand, flags: [GROUP, USER] },
  "list-groups-for-user": { command: ListGroupsForUserCommand, flags: [USER], list: "Groups" },
  "put-group-policy": { command: PutGroupPolicyCommand, flags: [GROUP, POLICY, DOC] },
  "get-group-policy": { command: GetGroupPolicyCommand, flags: [GROUP, POLICY] },
  "list-group-policies": { command: ListGroupPoliciesCommand, flags: [GROUP], list: "PolicyNames" },
  "delete-group-policy": { command: DeleteGroupPolicyCommand, flags: [GROUP, POLICY] },
  "create-policy": { command: CreatePolicyCommand, flags: [POLICY, DOC, "path", "description", "*tags"] },
  "get-policy": { command: GetPolicyCommand, flags: [ARN] },
  "get-policy-version": { command: GetPolicyVersionCommand, flags: [ARN, "!version-id"] },
  "list-policies": {
    command: ListPoliciesCommand,
    flags: ["scope", "?only-attached", "path-prefix", "policy-usage-filter"],
    list: "Policies",
  },
  "delete-policy": { command: DeletePolicyCommand, flags: [ARN] },
  "attach-user-policy": { command: AttachUserPolicyCommand, flags: [USER, ARN] },
  "detach-user-policy": { command: DetachUserPolicyCommand, flags: [USER, ARN] },
  "list-attached-user-policies": {
    command: ListAttachedUserPoliciesCommand,
    flags: [USER, "path-prefix"],
    list: "AttachedPolicies",
  },
  "attach-group-policy": { command: AttachGroupPolicyCommand, flags: [GROUP, ARN] },
  "detach-group-policy": { command: DetachGroupPolicyCommand, flags: [GROUP, ARN] },
  "list-attached-group-policies": {
    command: ListAttachedGroupPoliciesCommand,
    flags: [GROUP, "path-prefix"],
    list: "AttachedPolicies",
  },
};

/** Connection flags every verb takes, as the aws CLI's global options. */
interface ConnectionOptions {
  endpointUrl?: string;
  profile?: string;
  region?: string;
}

/**
 * `fleetrun iam <verb>`: the IAM verbs of `aws iam` with the same flags and the same JSON output,
 * over `@aws-sdk/client-iam`. The endpoint is `--endpoint-url`, else `FLEETRUN_ENDPOINT`, else
 * http://127.0.0.1:8080; credentials come from `--profile` or the usual AWS variables and files.
 */
export function iamCommand(program: Command): void {
  const iam = program.command("iam").description("manage IAM users, groups, access keys and policies (as aws iam)");
  for (const [name, verb] of Object.entries(VERBS)) {
    const sub = iam.command(name).description(`${verb.command.name.replace(/Command$/, "")} (as aws iam ${name})`);
    for (const flag of verb.flags) {
      const bare = flag.replace(/^[!?*]/, "");
      if (flag.startsWith("?")) sub.option(`--${bare}`).option(`--no-${bare}`);
      else if (flag.startsWith("*")) sub.option(`--${bare} <tag...>`, "Key=k,Value=v ... or JSON");
      else if (flag.startsWith("!")) sub.requiredOption(`--${bare} <value>`);
      else sub.option(`--${bare} <value>`);
    }
    sub
      .option("--endpoint-url <url>", "fleetrun server URL (default: $FLEETRUN_ENDPOINT)")
      .option("--profile <name>", "profile of the AWS credentials file")
      .option("--region <region>", "signing region (default: $AWS_REGION or us-east-1)")
      .action(async (opts: Record<string, unknown> & ConnectionOptions) => {
        process.exitCode = await runVerb(verb, opts);
      });
  }
}

async function runVerb(verb: Verb, opts: Record<string, unknown> & ConnectionOptions): Promise<number> {
  // The SDK warns about future Node versions on stderr; aws iam prints nothing of the kind.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const client = new IAMClient({
    endpoint: opts.endpointUrl ?? process.env.FLEETRUN_ENDPOINT ?? "http://127.0.0.1:8080",
    region: opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    ...(opts.profile !== undefined ? { profile: opts.profile } : {}),
    maxAttempts: 1,
  });
  try {
    const input = await inputOf(verb, opts);
    const output = await send(client, verb, input);
    const shown = present(output);
    if (Object.keys(shown).length > 0) process.stdout.write(`${JSON.stringify(shown, null, 4)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof IAMServiceException)) throw error;
    const operation = verb.command.name.replace(/Command$/, "");
    const code = (error as { Code?: string }).Code ?? error.name;
    process.stderr.write(`\nAn error occurred (${code}) when calling the ${operation} operation: ${error.message}\n`);
    return 254;
  } finally {
    client.destroy();
  }
}

/** The SDK input: flags in PascalCase, `file://` values read from files, tags and booleans typed. */
async function inputOf(verb: Verb, opts: Record<string, unknown>): Promise<Record<string, unknown>> {
  const input: Record<string, unknown> = {};
  for (const flag of verb.flags) {
    const bare = flag.replace(/^[!?*]/, "");
    const key = bare.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
    const value = opts[key];
    if (value === undefined) continue;
    const member = key.charAt(0).toUpperCase() + key.slice(1);
    if (flag.startsWith("*")) input[member] = parseTags(value as string[]);
    else if (typeof value === "string") input[member] = await argumentValue(value);
    else input[member] = value;
  }
  return input;
}

/** Sends one request, or every page of a paginated list merged into one answer. */
async function send(client: IAMClient, verb: Verb, input: Record<string, unknown>): Promise<Record<string, unknown>> {
  const once = async (marker: string | undefined): Promise<Record<string, unknown>> => {
    const command = new verb.command({ ...input, ...(marker ? { Marker: marker } : {}) } as never);
    return (await client.send(command as never)) as unknown as Record<string, unknown>;
  };
  const merged = await once(undefined);
  if (!verb.list) return merged;
  let page = merged;
  while (page.IsTruncated === true && typeof page.Marker === "string") {
    page = await once(page.Marker);
    merged[verb.list] = [...((merged[verb.list] as unknown[]) ?? []), ...((page[verb.list] as unknown[]) ?? [])];
  }
  delete merged.IsTruncated;
  delete merged.Marker;
  return merged;
}

/** aws CLI parameter values: `file://path` is the file's text, anything else is literal. */
async function argumentValue(value: string): Promise<string> {
  return value.startsWith("file://") ? await readFile(value.slice("file://".length), "utf8") : value;
}

/** `--tags Key=a,Value=b Key=c,Value=d` or `--tags '[{"Key":"a","Value":"b"}]'`. */
function parseTags(values: string[]): Array<{ Key: string; Value: string }> {
  if (values.length === 1 && values[0]?.trim().startsWith("[")) return JSON.parse(values[0]) as never;
  return values.map((text) => {
    const fields = Object.fromEntries(
      text.split(",").map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
    );
    if (typeof fields.Key !== "string") throw new Error(`--tags: expected Key=...,Value=..., got ${text}`);
    return { Key: fields.Key, Value: fields.Value ?? "" };
  });
}

/**
 * The output as `aws iam` prints it: no `$metadata`, timestamps as `YYYY-MM-DDTHH:MM:SS+00:00`,
 * and URL-encoded policy documents decoded into JSON.
 */
function present(output: Record<string, unknown>): Record<string, unknown> {
  const { $metadata: _, ...rest } = output;
  return JSON.parse(
    JSON.stringify(rest, function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key];
      if (raw instanceof Date) return raw.toISOString().replace(/\.\d{3}Z$/, "+00:00");
      if ((key === "PolicyDocument" || key === "Document") && typeof value === "string") return decodeDocument(value);
      return value;
    }),
  );
}

function decodeDocument(encoded: string): unknown {
  try {
    return JSON.parse(decodeURIComponent(encoded));
  } catch {
    return encoded;
  }
}
