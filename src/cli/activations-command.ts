import {
  type Activation,
  CreateActivationCommand,
  DeleteActivationCommand,
  type DescribeActivationsFilter,
  type DescribeActivationsFilterKeys,
  paginateDescribeActivations,
} from "@aws-sdk/client-ssm";
import type { Command } from "commander";
import { SsmError } from "../protocol/errors.ts";
import { clientAction } from "./client-action.ts";
import { type ClientFlags, withClientFlags } from "./client-options.ts";
import { type OutputFormat, render, withOutputFlag } from "./format/output-format.ts";
import { type Column, tableTime } from "./format/table.ts";
import { objectOf, parseStructured, stringList } from "./shorthand/structured-argument.ts";
import { parseTags } from "./shorthand/tags.ts";

const ACTIVATION_COLUMNS: readonly Column<Activation>[] = [
  { header: "Activation ID", value: (a) => a.ActivationId },
  { header: "Description", value: (a) => a.Description },
  { header: "Default name", value: (a) => a.DefaultInstanceName },
  { header: "Role", value: (a) => a.IamRole },
  { header: "Registrations", value: (a) => `${a.RegistrationsCount ?? 0}/${a.RegistrationLimit ?? 0}` },
  { header: "Expires", value: (a) => tableTime(a.ExpirationDate) },
  { header: "Expired", value: (a) => (a.Expired ? "yes" : "no") },
  { header: "Tags", value: (a) => (a.Tags ?? []).map((t) => `${t.Key}=${t.Value}`).join(",") },
];

type CreateFlags = ClientFlags & {
  iamRole: string;
  description?: string;
  defaultInstanceName?: string;
  registrationLimit?: string;
  expirationDate?: string;
  tags?: string[];
  output: OutputFormat;
};

/** `--filters FilterKey=IamRole,FilterValues=a,b` entries, or JSON. */
function activationFilters(args: readonly string[]): DescribeActivationsFilter[] {
  return args.flatMap((arg) => {
    const parsed = parseStructured(arg, "--filters", "FilterKey=ActivationIds,FilterValues=<id>");
    return (Array.isArray(parsed) ? parsed : [parsed]).map((entry: unknown) => {
      const object = objectOf(entry, "--filters entry");
      if (typeof object.FilterKey !== "string")
        throw new SsmError("ValidationException", "--filters: expected FilterKey=<key>,FilterValues=<values>");
      return {
        FilterKey: object.FilterKey as DescribeActivationsFilterKeys,
        FilterValues: stringList(object.FilterValues ?? [], "--filters FilterValues"),
      };
    });
  });
}

/** `fleetrun activations create|list|delete`: hybrid activations that nodes register with. */
export function activationsCommand(program: Command): void {
  const activations = program.command("activations").description("create, list and delete node activations");
  withClientFlags(
    withOutputFlag(
      activations
        .command("create")
        .description("create an activation; prints its id and code (the code is shown only once)")
        .option("--iam-role <role>", "role recorded on the nodes", "fleetrun-node")
        .option("--description <text>", "description")
        .option("--default-instance-name <name>", "name given to registered nodes")
        .option("--registration-limit <n>", "how many nodes may register with it (default 1)")
        .option("--expiration-date <time>", "ISO 8601 expiry (default: 24 hours)")
        .option("--tags <tag...>", "Key=k,Value=v ... or JSON; copied onto registered nodes"),
    ),
  ).action(
    clientAction<CreateFlags>(async (ssm, flags) => {
      const limit = flags.registrationLimit === undefined ? undefined : Number(flags.registrationLimit);
      if (limit !== undefined && !Number.isInteger(limit))
        throw new SsmError("ValidationException", "--registration-limit must be a whole number");
      const expires = flags.expirationDate === undefined ? undefined : new Date(flags.expirationDate);
      if (expires && Number.isNaN(expires.getTime()))
        throw new SsmError("ValidationException", "--expiration-date must be an ISO 8601 time");
      const tags = flags.tags?.length ? parseTags(flags.tags) : undefined;
      const out = await ssm.send(
        new CreateActivationCommand({
          IamRole: flags.iamRole,
          ...(flags.description !== undefined ? { Description: flags.description } : {}),
          ...(flags.defaultInstanceName !== undefined ? { DefaultInstanceName: flags.defaultInstanceName } : {}),
          ...(limit !== undefined ? { RegistrationLimit: limit } : {}),
          ...(expires ? { ExpirationDate: expires } : {}),
          ...(tags ? { Tags: tags } : {}),
        }),
      );
      const created = { ActivationId: out.ActivationId, ActivationCode: out.ActivationCode };
      const columns: Column<typeof created>[] = [
        { header: "Activation ID", value: (a) => a.ActivationId },
        { header: "Activation code", value: (a) => a.ActivationCode },
      ];
      process.stdout.write(render(flags.output, { response: created, rows: [created], columns }));
      return 0;
    }),
  );
  withClientFlags(
    withOutputFlag(
      activations
        .command("list")
        .description("list activations (all pages)")
        .option("--filters <filter...>", "FilterKey=ActivationIds|DefaultInstanceName|IamRole,FilterValues=..."),
    ),
  ).action(
    clientAction<ClientFlags & { filters?: string[]; output: OutputFormat }>(async (ssm, flags) => {
      const list: Activation[] = [];
      for await (const page of paginateDescribeActivations(
        { client: ssm, pageSize: 50 },
        flags.filters?.length ? { Filters: activationFilters(flags.filters) } : {},
      )) {
        list.push(...(page.ActivationList ?? []));
      }
      process.stdout.write(
        render(flags.output, { response: { ActivationList: list }, rows: list, columns: ACTIVATION_COLUMNS }),
      );
      return 0;
    }),
  );
  withClientFlags(
    activations
      .command("delete")
      .description("delete an activation (nodes registered with it stay registered)")
      .argument("<activationId>", "the activation"),
  ).action(
    clientAction<ClientFlags>(async (ssm, _flags, activationId) => {
      await ssm.send(new DeleteActivationCommand({ ActivationId: activationId }));
      return 0;
    }),
  );
}
