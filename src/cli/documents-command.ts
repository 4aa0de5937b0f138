import {
  CreateDocumentCommand,
  type DocumentFormat,
  type DocumentIdentifier,
  GetDocumentCommand,
  ListDocumentsCommand,
  SSMClient,
  UpdateDocumentCommand,
} from "@aws-sdk/client-ssm";
import { type Command, Option } from "commander";
import { type ClientFlags, clientConfig, textArgument, withClientFlags } from "./client-options.ts";
import { OUTPUT_FORMATS, type OutputFormat, render } from "./format/output-format.ts";
import type { Column } from "./format/table.ts";

const DOCUMENT_COLUMNS: readonly Column<DocumentIdentifier>[] = [
  { header: "Name", value: (d) => d.Name },
  { header: "Owner", value: (d) => d.Owner },
  { header: "Version", value: (d) => d.DocumentVersion },
  { header: "Type", value: (d) => d.DocumentType },
  { header: "Format", value: (d) => d.DocumentFormat },
  { header: "Platforms", value: (d) => (d.PlatformTypes ?? []).join(",") },
];

type CreateFlags = ClientFlags & { name: string; content: string; documentFormat?: string; versionName?: string };

/** Prints the document's validation warnings (e.g. a parameter spliced into script text) on stderr. */
function printWarnings(statusInformation: string | undefined): void {
  for (const line of (statusInformation ?? "").split("\n").filter(Boolean)) process.stderr.write(`warning: ${line}\n`);
}

/** `fleetrun documents create|update|get|list`: SSM documents, with validation warnings shown. */
export function documentsCommand(program: Command): void {
  const documents = program.command("documents").description("create, update, read and list SSM documents");
  withClientFlags(
    documents
      .command("create")
      .description("create a Command document (prints validation warnings on stderr)")
      .requiredOption("--name <name>", "document name")
      .requiredOption("--content <text|file://path>", "document content")
      .option("--document-format <JSON|YAML>", "content format", "JSON")
      .option("--version-name <name>", "a name for this version"),
  ).action(async (flags: CreateFlags) => {
    const ssm = new SSMClient(clientConfig(flags));
    const out = await ssm.send(
      new CreateDocumentCommand({
        Name: flags.name,
        Content: await textArgument(flags.content),
        DocumentType: "Command",
        DocumentFormat: flags.documentFormat as DocumentFormat,
        ...(flags.versionName ? { VersionName: flags.versionName } : {}),
      }),
    );
    printWarnings(out.DocumentDescription?.StatusInformation);
    process.stdout.write(`${JSON.stringify({ DocumentDescription: out.DocumentDescription }, null, 4)}\n`);
  });
  withClientFlags(
    documents
      .command("update")
      .description("add a version to a document (prints validation warnings on stderr)")
      .requiredOption("--name <name>", "document name")
      .requiredOption("--content <text|file://path>", "document content")
      .option("--document-format <JSON|YAML>", "content format", "JSON")
      .option("--document-version <version>", "the version to update ($LATEST)", "$LATEST"),
  ).action(async (flags: CreateFlags & { documentVersion: string }) => {
    const ssm = new SSMClient(clientConfig(flags));
    const out = await ssm.send(
      new UpdateDocumentCommand({
        Name: flags.name,
        Content: await textArgument(flags.content),
        DocumentFormat: flags.documentFormat as DocumentFormat,
        DocumentVersion: flags.documentVersion,
      }),
    );
    printWarnings(out.DocumentDescription?.StatusInformation);
    process.stdout.write(`${JSON.stringify({ DocumentDescription: out.DocumentDescription }, null, 4)}\n`);
  });
  withClientFlags(
    documents
      .command("get")
      .description("print a document's content")
      .requiredOption("--name <name>", "document name")
      .option("--document-version <version>", "version ($DEFAULT, $LATEST or a number)")
      .option("--document-format <JSON|YAML>", "format to print"),
  ).action(async (flags: ClientFlags & { name: string; documentVersion?: string; documentFormat?: string }) => {
    const ssm = new SSMClient(clientConfig(flags));
    const out = await ssm.send(
      new GetDocumentCommand({
        Name: flags.name,
        ...(flags.documentVersion ? { DocumentVersion: flags.documentVersion } : {}),
        ...(flags.documentFormat ? { DocumentFormat: flags.documentFormat as DocumentFormat } : {}),
      }),
    );
    process.stdout.write(`${out.Content ?? ""}\n`);
  });
  withClientFlags(
    documents
      .command("list")
      .description("list documents (name, owner, version, platforms; all pages)")
      .addOption(
        new Option("--output <format>", "table, json or text (default: name, owner, version, platforms)").choices(
          OUTPUT_FORMATS,
        ),
      ),
  ).action(async (flags: ClientFlags & { output?: OutputFormat }) => {
    const ssm = new SSMClient(clientConfig(flags));
    const identifiers: DocumentIdentifier[] = [];
    let token: string | undefined;
    do {
      const page = await ssm.send(new ListDocumentsCommand({ ...(token ? { NextToken: token } : {}) }));
      identifiers.push(...(page.DocumentIdentifiers ?? []));
      token = page.NextToken;
    } while (token);
    if (flags.output) {
      const view = { response: { DocumentIdentifiers: identifiers }, rows: identifiers, columns: DOCUMENT_COLUMNS };
      process.stdout.write(render(flags.output, view));
      return;
    }
    for (const d of identifiers) {
      process.stdout.write(`${d.Name}\t${d.Owner}\tv${d.DocumentVersion}\t${(d.PlatformTypes ?? []).join(",")}\n`);
    }
  });
}
