import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, test } from "node:test";
import {
  AddTagsToResourceCommand,
  CreateDocumentCommand,
  type CreateDocumentCommandInput,
  DeleteDocumentCommand,
  DescribeDocumentCommand,
  GetDocumentCommand,
  ListDocumentsCommand,
  type ListDocumentsCommandInput,
  ListDocumentVersionsCommand,
  ListTagsForResourceCommand,
  RemoveTagsFromResourceCommand,
  UpdateDocumentCommand,
  UpdateDocumentDefaultVersionCommand,
} from "@aws-sdk/client-ssm";
import { parse as parseYaml } from "yaml";
import { invocation, send, waitCommand } from "../support/commands.ts";
import { type AgentHandle, Fleet } from "../support/fleet.ts";

/** A schema 2.2 document with one shell step that prints `text`. */
const script = (text: string) =>
  JSON.stringify({
    schemaVersion: "2.2",
    description: `prints ${text}`,
    mainSteps: [{ action: "aws:runShellScript", name: "print", inputs: { runCommand: [`echo "${text}"`] } }],
  });

const GREETER_YAML = `schemaVersion: "2.2"
description: Greets someone
parameters:
  who:
    type: String
    description: Whom to greet
    default: world
    allowedPattern: "^[a-z]+$"
mainSteps:
  - action: aws:runShellScript
    name: greet
    inputs:
      runCommand:
        - echo "hello {{ who }}"
`;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("the SSM document API", () => {
  let fleet: Fleet;
  let agent: AgentHandle;

  before(async () => {
    fleet = await Fleet.start();
    agent = await fleet.addAgent("d1");
  });
  after(async () => fleet?.stop());

  const create = (input: Partial<CreateDocumentCommandInput> & { Name: string }) =>
    fleet.ssm.send(new CreateDocumentCommand({ Content: script(input.Name), ...input }));
  const fails = (promise: Promise<unknown>, name: string, message?: RegExp) =>
    assert.rejects(promise, (error: Error) => {
      assert.equal(error.name, name, error.message);
      if (message) assert.match(error.message, message);
      return true;
    });
  const list = async (input: ListDocumentsCommandInput) =>
    (await fleet.ssm.send(new ListDocumentsCommand(input))).DocumentIdentifiers?.map((d) => d.Name ?? "") ?? [];

  test("creates a YAML document and serves it as JSON and back as YAML, and runs it", async () => {
    const out = await create({ Name: "Greeter", Content: GREETER_YAML, DocumentFormat: "YAML" });
    const d = out.DocumentDescription;
    assert.equal(d?.Status, "Active");
    assert.equal(d?.Hash, sha256(GREETER_YAML));
    assert.equal(d?.HashType, "Sha256");
    assert.deepEqual([d?.DocumentVersion, d?.DefaultVersion, d?.LatestVersion], ["1", "1", "1"]);
    assert.deepEqual(d?.PlatformTypes, ["Linux", "MacOS"]);
    assert.deepEqual(d?.Parameters, [
      { Name: "who", Type: "String", Description: "Whom to greet", DefaultValue: "world" },
    ]);
    assert.equal(d?.SchemaVersion, "2.2");
    assert.equal(d?.DocumentFormat, "YAML");
    assert.equal(d?.DocumentType, "Command");
    assert.equal(d?.Owner, "000000000000");
    assert.equal(d?.Description, "Greets someone");
    assert.ok(Math.abs((d?.CreatedDate?.getTime() ?? 0) - Date.now()) < 600_000, "CreatedDate is in epoch seconds");

    const asJson = await fleet.ssm.send(new GetDocumentCommand({ Name: "Greeter" }));
    assert.equal(asJson.DocumentFormat, "JSON");
    assert.deepEqual(JSON.parse(asJson.Content ?? ""), parseYaml(GREETER_YAML));
    assert.match(asJson.Content ?? "", /\n {2}"schemaVersion": "2\.2"/);
    const asYaml = await fleet.ssm.send(new GetDocumentCommand({ Name: "Greeter", DocumentFormat: "YAML" }));
    assert.equal(asYaml.Content, GREETER_YAML);
    assert.deepEqual(
      [asYaml.Name, asYaml.DocumentVersion, asYaml.Status, asYaml.DocumentType],
      ["Greeter", "1", "Active", "Command"],
    );

    const commandId = await send(fleet.ssm, {
      DocumentName: "Greeter",
      InstanceIds: [agent.instanceId],
      Parameters: { who: ["docs"] },
    });
    assert.equal((await waitCommand(fleet.ssm, commandId)).Status, "Success");
    assert.equal((await invocation(fleet.ssm, commandId, agent.instanceId)).StandardOutputContent, "hello docs\n");
  });

  test("refuses bad creates with the modelled errors", async () => {
    for (const name of ["AWS-Mine", "amazon-x", "Amzn-y", "awsec2-z", "AWSConfigRemediation-q", "awssupport-r"]) {
      await fails(create({ Name: name }), "ValidationException", /can't start with/);
    }
    const big = JSON.stringify({ ...JSON.parse(script("x")), description: "é".repeat(33_000) });
    await fails(create({ Name: "TooBig", Content: big }), "MaxDocumentSizeExceeded");
    await fails(create({ Name: "Text", Content: "echo hi", DocumentFormat: "TEXT" }), "InvalidDocumentContent");
    await fails(create({ Name: "Policy1", DocumentType: "Policy" }), "InvalidDocumentContent", /Policy/);
    const dupSteps = JSON.stringify({
      schemaVersion: "2.2",
      mainSteps: [
        { action: "aws:runShellScript", name: "a", inputs: { runCommand: ["true"] } },
        { action: "aws:runShellScript", name: "a", inputs: { runCommand: ["true"] } },
      ],
    });
    await fails(create({ Name: "DupSteps", Content: dupSteps }), "InvalidDocumentContent", /mainSteps\[1\]\.name/);
    const oldSchema = script("x").replace('"2.2"', '"3.0"');
    await fails(create({ Name: "Schema3", Content: oldSchema }), "InvalidDocumentSchemaVersion");
    await fails(create({ Name: "Greeter" }), "DocumentAlreadyExists");
    await fails(create({ Name: "x" }), "ValidationException");
  });

  test("versions 1→2→3: UpdateDocument, default changes, $LATEST/$DEFAULT/numbers everywhere", async () => {
    await create({
      Name: "Versioned",
      Content: script("version one"),
      VersionName: "one",
      DisplayName: "Versioned doc",
    });
    const v2 = await fleet.ssm.send(
      new UpdateDocumentCommand({
        Name: "Versioned",
        Content: script("version two"),
        DocumentVersion: "$LATEST",
        VersionName: "two",
      }),
    );
    assert.deepEqual(
      [
        v2.DocumentDescription?.DocumentVersion,
        v2.DocumentDescription?.DefaultVersion,
        v2.DocumentDescription?.LatestVersion,
      ],
      ["2", "1", "2"],
    );
    assert.equal(v2.DocumentDescription?.DisplayName, "Versioned doc");
    await fleet.ssm.send(
      new UpdateDocumentCommand({ Name: "Versioned", Content: script("version three"), DocumentVersion: "2" }),
    );

    await fails(
      fleet.ssm.send(new UpdateDocumentCommand({ Name: "Versioned", Content: script("four"), DocumentVersion: "1" })),
      "InvalidDocumentVersion",
      /only the latest version/,
    );
    await fails(
      fleet.ssm.send(new UpdateDocumentCommand({ Name: "Versioned", Content: script("version one") })),
      "DuplicateDocumentContent",
    );
    await fails(
      fleet.ssm.send(new UpdateDocumentCommand({ Name: "Versioned", Content: script("four"), VersionName: "two" })),
      "DuplicateDocumentVersionName",
    );
    await fails(
      fleet.ssm.send(new UpdateDocumentCommand({ Name: "Nope-doc", Content: script("x") })),
      "InvalidDocument",
    );
    await fails(
      fleet.ssm.send(new UpdateDocumentCommand({ Name: "Versioned", Content: "{" })),
      "InvalidDocumentContent",
    );

    const content = async (v?: string, versionName?: string) =>
      (
        await fleet.ssm.send(
          new GetDocumentCommand({ Name: "Versioned", DocumentVersion: v, VersionName: versionName }),
        )
      ).Content;
    assert.equal(await content(), script("version one"));
    assert.equal(await content("$DEFAULT"), script("version one"));
    assert.equal(await content("$LATEST"), script("version three"));
    assert.equal(await content("2"), script("version two"));
    assert.equal(await content(undefined, "two"), script("version two"));
    await fails(content("9"), "InvalidDocumentVersion");
    await fails(content(undefined, "nine"), "InvalidDocumentVersion");
    await fails(fleet.ssm.send(new GetDocumentCommand({ Name: "Nope-doc" })), "InvalidDocument");

    const moved = await fleet.ssm.send(
      new UpdateDocumentDefaultVersionCommand({ Name: "Versioned", DocumentVersion: "2" }),
    );
    assert.deepEqual(moved.Description, { Name: "Versioned", DefaultVersion: "2", DefaultVersionName: "two" });
    await fails(
      fleet.ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: "Versioned", DocumentVersion: "7" })),
      "InvalidDocumentVersion",
    );
    await fails(
      fleet.ssm.send(new UpdateDocumentDefaultVersionCommand({ Name: "Nope-doc", DocumentVersion: "1" })),
      "InvalidDocument",
    );

    const described = await fleet.ssm.send(
      new DescribeDocumentCommand({ Name: "Versioned", DocumentVersion: "$LATEST" }),
    );
    assert.deepEqual(
      [described.Document?.DocumentVersion, described.Document?.DefaultVersion, described.Document?.LatestVersion],
      ["3", "2", "3"],
    );
    assert.equal(described.Document?.Hash, sha256(script("version three")));
    const byDefault = await fleet.ssm.send(new DescribeDocumentCommand({ Name: "Versioned" }));
    assert.equal(byDefault.Document?.VersionName, "two");

    const versions = await fleet.ssm.send(new ListDocumentVersionsCommand({ Name: "Versioned", MaxResults: 2 }));
    assert.deepEqual(
      versions.DocumentVersions?.map((v) => [v.DocumentVersion, v.IsDefaultVersion, v.VersionName]),
      [
        ["1", false, "one"],
        ["2", true, "two"],
      ],
    );
    const rest = await fleet.ssm.send(
      new ListDocumentVersionsCommand({ Name: "Versioned", NextToken: versions.NextToken }),
    );
    assert.deepEqual(
      rest.DocumentVersions?.map((v) => v.DocumentVersion),
      ["3"],
    );
    assert.equal(rest.NextToken, undefined);
    await fails(fleet.ssm.send(new ListDocumentVersionsCommand({ Name: "Nope-doc" })), "InvalidDocument");
  });

  test("SendCommand runs the requested version and checks DocumentHash", async () => {
    const output = async (input: { DocumentVersion?: string; DocumentHash?: string }) => {
      const commandId = await send(fleet.ssm, { DocumentName: "Versioned", InstanceIds: [agent.instanceId], ...input });
      assert.equal((await waitCommand(fleet.ssm, commandId)).Status, "Success");
      return (await invocation(fleet.ssm, commandId, agent.instanceId)).StandardOutputContent;
    };
    assert.equal(await output({ DocumentVersion: "1" }), "version one\n");
    assert.equal(await output({ DocumentVersion: "$LATEST" }), "version three\n");
    assert.equal(await output({}), "version two\n");
    assert.equal(await output({ DocumentVersion: "2", DocumentHash: sha256(script("version two")) }), "version two\n");
    await fails(
      send(fleet.ssm, {
        DocumentName: "Versioned",
        DocumentVersion: "2",
        DocumentHash: sha256("other"),
        InstanceIds: [agent.instanceId],
      }),
      "InvalidDocument",
      /hash/,
    );
    await fails(
      send(fleet.ssm, { DocumentName: "Versioned", DocumentVersion: "8", InstanceIds: [agent.instanceId] }),
      "InvalidDocumentVersion",
    );
  });

  test("tags documents through the tagging operations", async () => {
    await create({ Name: "Tagged", Tags: [{ Key: "env", Value: "prod" }] });
    const tags = (id: string) =>
      fleet.ssm.send(new ListTagsForResourceCommand({ ResourceType: "Document", ResourceId: id }));
    await fleet.ssm.send(
      new AddTagsToResourceCommand({
        ResourceType: "Document",
        ResourceId: "Tagged",
        Tags: [{ Key: "team", Value: "ops" }],
      }),
    );
    assert.deepEqual((await tags("Tagged")).TagList, [
      { Key: "env", Value: "prod" },
      { Key: "team", Value: "ops" },
    ]);
    await fleet.ssm.send(
      new RemoveTagsFromResourceCommand({ ResourceType: "Document", ResourceId: "Tagged", TagKeys: ["team"] }),
    );
    const described = await fleet.ssm.send(new DescribeDocumentCommand({ Name: "Tagged" }));
    assert.deepEqual(described.Document?.Tags, [{ Key: "env", Value: "prod" }]);
    assert.deepEqual((await tags("AWS-RunShellScript")).TagList, []);
    await fails(tags("Nope-doc"), "InvalidResourceId");
    await fails(
      fleet.ssm.send(
        new AddTagsToResourceCommand({
          ResourceType: "Document",
          ResourceId: "AWS-RunShellScript",
          Tags: [{ Key: "a", Value: "b" }],
        }),
      ),
      "InvalidResourceId",
    );
  });

  test("lists documents with filters and pages; built-ins are listed with Owner Amazon and read-only", async () => {
    for (const n of [1, 2, 3, 4, 5]) await create({ Name: `page-${n}` });
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await fleet.ssm.send(
        new ListDocumentsCommand({ Filters: [{ Key: "Name", Values: ["page-"] }], MaxResults: 2, NextToken: token }),
      );
      names.push(...(out.DocumentIdentifiers?.map((d) => d.Name ?? "") ?? []));
      token = out.NextToken;
      pages++;
    } while (token);
    assert.deepEqual(names, ["page-1", "page-2", "page-3", "page-4", "page-5"]);
    assert.equal(pages, 3);

    const amazon = await fleet.ssm.send(new ListDocumentsCommand({ Filters: [{ Key: "Owner", Values: ["Amazon"] }] }));
    const shell = amazon.DocumentIdentifiers?.find((d) => d.Name === "AWS-RunShellScript");
    assert.equal(shell?.Owner, "Amazon");
    assert.deepEqual([shell?.DocumentVersion, shell?.SchemaVersion, shell?.DocumentType], ["1", "1.2", "Command"]);
    assert.ok(amazon.DocumentIdentifiers?.every((d) => d.Owner === "Amazon"));
    const mine = await list({ Filters: [{ Key: "Owner", Values: ["Self"] }] });
    assert.ok(mine.includes("Greeter") && !mine.some((n) => n.startsWith("AWS-")));
    const all = await list({});
    assert.ok(all.includes("AWS-RunPowerShellScript") && all.includes("page-3"));
    const windows = await list({ Filters: [{ Key: "PlatformTypes", Values: ["Windows"] }] });
    assert.ok(windows.includes("AWS-RunPowerShellScript") && !windows.includes("Greeter"));
    assert.deepEqual(await list({ Filters: [{ Key: "tag:env", Values: ["prod"] }] }), ["Tagged"]);
    assert.deepEqual(await list({ Filters: [{ Key: "DocumentType", Values: ["Automation"] }] }), []);
    assert.deepEqual(await list({ DocumentFilterList: [{ key: "Name", value: "Greet" }] }), ["Greeter"]);
    const versioned = await fleet.ssm.send(
      new ListDocumentsCommand({ Filters: [{ Key: "Name", Values: ["Versioned"] }] }),
    );
    assert.deepEqual(versioned.DocumentIdentifiers?.[0]?.DocumentVersion, "2");
    await fails(list({ Filters: [{ Key: "Colour", Values: ["x"] }] }), "InvalidFilterKey");
    await fails(
      list({
        Filters: [
          { Key: "tag:a", Values: ["x"] },
          { Key: "tag:b", Values: ["y"] },
        ],
      }),
      "InvalidFilterKey",
    );
    await fails(list({ NextToken: "garbage" }), "InvalidNextToken");

    await fails(
      fleet.ssm.send(new UpdateDocumentCommand({ Name: "AWS-RunShellScript", Content: script("x") })),
      "InvalidDocumentOperation",
    );
    await fails(fleet.ssm.send(new DeleteDocumentCommand({ Name: "AWS-RunShellScript" })), "InvalidDocumentOperation");
  });

  test("deletes one version (never the default alone) or the whole document", async () => {
    const del = (input: { DocumentVersion?: string; VersionName?: string }) =>
      fleet.ssm.send(new DeleteDocumentCommand({ Name: "Versioned", ...input }));
    await fails(del({ DocumentVersion: "2" }), "InvalidDocumentOperation", /default version/);
    await fails(del({ VersionName: "two" }), "InvalidDocumentOperation");
    await fails(del({ DocumentVersion: "9" }), "InvalidDocument");
    await del({ VersionName: "one" });
    await fails(
      fleet.ssm.send(new GetDocumentCommand({ Name: "Versioned", DocumentVersion: "1" })),
      "InvalidDocumentVersion",
    );
    await del({});
    await fails(fleet.ssm.send(new DescribeDocumentCommand({ Name: "Versioned" })), "InvalidDocument");
    await fails(del({}), "InvalidDocument");
  });

  test("stops at 500 user documents and 1000 versions", async () => {
    const existing = (await list({ Filters: [{ Key: "Owner", Values: ["Self"] }], MaxResults: 50 })).length;
    assert.ok(existing < 50);
    const names = Array.from({ length: 500 - existing }, (_, i) => `bulk-${i}`);
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(names.slice(i, i + 10).map((name) => create({ Name: name })));
    }
    await fails(create({ Name: "one-too-many" }), "DocumentLimitExceeded", /500/);

    for (let v = 2; v <= 1000; v++) {
      await fleet.ssm.send(new UpdateDocumentCommand({ Name: "bulk-0", Content: script(`v${v}`) }));
    }
    await fails(
      fleet.ssm.send(new UpdateDocumentCommand({ Name: "bulk-0", Content: script("v1001") })),
      "DocumentVersionLimitExceeded",
    );
  });
});
