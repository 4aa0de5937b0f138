import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import Fastify, { type FastifyInstance } from "fastify";
import { pino } from "pino";
import { MemoryBus } from "../../bus/memory/memory-bus.ts";
import { signedFetch } from "../../cli/output/signed-fetch.ts";
import type { CommandRecord, InvocationRecord } from "../../core/model.ts";
import { parsePolicy } from "../../core/policies/index.ts";
import type { Store } from "../../core/ports/store.ts";
import { aCommand, anInvocation } from "../../store/contract/fixtures.ts";
import { Authorizer } from "../auth/authorizer.ts";
import { type SseMessage, SseParser } from "./sse.ts";
import { registerStreamRoute } from "./stream-route.ts";

const CMD = "11111111-2222-3333-4444-555555555555";
const WEB = "mi-0000000000000000a";
const DB = "mi-0000000000000000b";
const KEYS = {
  alice: { accessKeyId: "AKIAALICE", secretAccessKey: "alice-secret" },
  bob: { accessKeyId: "AKIABOB", secretAccessKey: "bob-secret" },
};
/** Alice may read web nodes only; Bob may read nothing. */
const POLICIES = {
  alice: [
    parsePolicy(
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "ssm:GetCommandInvocation",
            Resource: "*",
            Condition: { StringEquals: { "ssm:resourceTag/Role": "web" } },
          },
        ],
      }),
    ),
  ],
  bob: [],
};

async function errorType(response: Response): Promise<string> {
  return ((await response.json()) as { __type: string }).__type;
}

describe("GET /stream/commands/<id>", () => {
  const bus = new MemoryBus();
  let command: CommandRecord = aCommand(CMD, { status: "InProgress", statusDetails: "InProgress" });
  const invocations: InvocationRecord[] = [anInvocation(CMD, WEB, 0), anInvocation(CMD, DB, 1)];
  const tags = new Map([
    [WEB, [{ Key: "Role", Value: "web" }]],
    [DB, [{ Key: "Role", Value: "db" }]],
  ]);
  const store = {
    getCommand: async (id: string) => (id === CMD ? command : undefined),
    listInvocations: async () => ({ items: invocations, more: false }),
    listTags: async (_type: string, id: string) => tags.get(id) ?? [],
    listTagsOfMany: async () => tags,
  } as unknown as Store;
  let app: FastifyInstance;
  let url = "";

  before(async () => {
    app = Fastify();
    const deps = { policies: { policiesFor: async (user: string) => POLICIES[user as "alice"] ?? [] } };
    registerStreamRoute(app, {
      bus,
      store,
      clock: { now: () => Date.now() },
      ids: { uuid: () => "req-1" } as never,
      log: pino({ level: "silent" }),
      credentials: async (id) => {
        const user = Object.entries(KEYS).find(([, k]) => k.accessKeyId === id);
        return user ? { secretAccessKey: user[1].secretAccessKey, userName: user[0] } : undefined;
      },
      authorizer: (caller) =>
        new Authorizer(
          { ...deps, store, clock: { now: () => Date.now() }, region: "us-east-1", accountId: "1" },
          caller,
        ),
      pollMs: 10,
      endGraceMs: 10,
    });
    await app.listen({ host: "127.0.0.1", port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await app.close();
  });

  const open = (user: keyof typeof KEYS, path = `/stream/commands/${CMD}`) =>
    signedFetch(new URL(path, url), { service: "ssm", region: "us-east-1", credentials: KEYS[user] });

  async function readAll(response: Response): Promise<SseMessage[]> {
    const parser = new SseParser();
    const events: SseMessage[] = [];
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) events.push(...parser.push(decoder.decode(chunk, { stream: true })));
    return events;
  }

  it("streams the output of the nodes the caller may read, as SSE, and ends with the command", async () => {
    const response = await open("alice");
    assert.equal(response.status, 200);
    assert.match(response.headers.get("content-type") ?? "", /^text\/event-stream/);
    const reading = readAll(response);
    const chunk = (instanceId: string, text: string) =>
      bus.publish(`output.${CMD}`, {
        kind: "output",
        commandId: CMD,
        instanceId,
        step: "s",
        stream: "stdout",
        offset: 0,
        text,
      });
    await new Promise((r) => setTimeout(r, 30));
    await chunk(WEB, "hello from web\n");
    await chunk(DB, "db secret\n");
    await new Promise((r) => setTimeout(r, 30));
    command = { ...command, status: "Failed", statusDetails: "Failed" };
    const events = await reading;
    const outputs = events.filter((e) => e.event === "output").map((e) => JSON.parse(e.data));
    assert.deepEqual(outputs, [{ instanceId: WEB, step: "s", stream: "stdout", text: "hello from web\n" }]);
    assert.ok(
      events.every((e) => !e.data.includes(DB)),
      "nothing about the db node reaches alice",
    );
    assert.deepEqual(events.at(-1), { event: "end", data: '{"status":"Failed","statusDetails":"Failed"}' });
  });

  it("refuses unsigned, badly signed and unauthorized callers, and unknown commands, in the API's error shape", async () => {
    const unsigned = await fetch(`${url}/stream/commands/${CMD}`);
    assert.equal(unsigned.status, 400);
    assert.equal(await errorType(unsigned), "MissingAuthenticationTokenException");
    const forged = await signedFetch(new URL(`/stream/commands/${CMD}`, url), {
      service: "ssm",
      region: "us-east-1",
      credentials: { accessKeyId: "AKIAALICE", secretAccessKey: "wrong" },
    });
    assert.equal(await errorType(forged), "InvalidSignatureException");
    const bob = await open("bob");
    assert.equal(bob.status, 400);
    assert.equal(await errorType(bob), "AccessDeniedException");
    const missing = await open("alice", "/stream/commands/00000000-0000-0000-0000-000000000000");
    assert.equal(await errorType(missing), "InvalidCommandId");
    const badFrom = await open("alice", `/stream/commands/${CMD}?from=yesterday`);
    assert.equal(await errorType(badFrom), "ValidationException");
  });
});
