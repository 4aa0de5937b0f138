import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import { Sha256 } from "@aws-crypto/sha256-js";
import { ListCommandsCommand, SSMClient } from "@aws-sdk/client-ssm";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import { SsmError } from "../../protocol/errors.ts";
import { type SignedRequest, type VerifiedCaller, verifySigV4 } from "./sigv4.ts";

const AKID = "AKIDEXAMPLE";
const SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const KEYS = new Map([[AKID, SECRET]]);
const lookupSecret = async (id: string) => KEYS.get(id);
const SIGNED_AT = new Date("2026-01-01T00:00:00Z");
const run = promisify(execFile);

interface FixtureOptions {
  body?: string;
  host?: string;
  withContentSha?: boolean;
  url?: string;
  query?: Record<string, string | string[]>;
  service?: string;
  date?: Date;
}

/** Signs a JSON 1.1 request the way the AWS SDK does and returns it as the server would receive it. */
async function signFixture(o: FixtureOptions = {}): Promise<SignedRequest> {
  const body = o.body ?? "{}";
  const signer = new SignatureV4({
    applyChecksum: o.withContentSha ?? false,
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET },
    region: "eu-west-1",
    service: o.service ?? "ssm",
    sha256: Sha256,
  });
  const url = o.url ?? "/";
  const request = new HttpRequest({
    method: "POST",
    hostname: "127.0.0.1",
    path: url.split("?")[0] ?? "/",
    query: o.query ?? {},
    headers: {
      host: o.host ?? "ssm.example.test",
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "AmazonSSM.ListCommands",
    },
    body,
  });
  const signed = await signer.sign(request, { signingDate: o.date ?? SIGNED_AT });
  return { method: "POST", url, headers: { ...signed.headers }, body: Buffer.from(body) };
}

function verifyAt(req: SignedRequest, now: Date = SIGNED_AT): Promise<VerifiedCaller> {
  return verifySigV4(req, { service: "ssm", now, lookupSecret });
}

async function rejectsWith(promise: Promise<unknown>, code: string, message: RegExp | string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof SsmError, `expected SsmError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (typeof message === "string") assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

describe("verifySigV4 over HTTP", () => {
  let server: http.Server;
  let port = 0;
  let endpoint = "";
  const callers: VerifiedCaller[] = [];
  const lastCaller = () => callers.at(-1);
  let tmp = "";

  before(async () => {
    tmp = await mkdtemp(join(tmpdir(), "fleetrun-sigv4-"));
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const signed = {
          method: req.method ?? "",
          url: req.url ?? "/",
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        verifySigV4(signed, { service: "ssm", now: new Date(), lookupSecret }).then(
          (caller) => {
            callers.push(caller);
            res.writeHead(200, { "content-type": "application/x-amz-json-1.1" }).end("{}");
          },
          (error: unknown) => {
            const body =
              error instanceof SsmError ? error.toBody() : { __type: "InternalServerError", message: String(error) };
            res.writeHead(error instanceof SsmError ? 400 : 500, { "content-type": "application/x-amz-json-1.1" });
            res.end(JSON.stringify(body));
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    endpoint = `http://127.0.0.1:${port}`;
  });

  after(async () => {
    await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    await rm(tmp, { recursive: true, force: true });
  });

  function sdk(accessKeyId: string, secretAccessKey: string): SSMClient {
    return new SSMClient({
      endpoint,
      region: "us-east-1",
      credentials: { accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });
  }

  test("the AWS SDK's ListCommands is accepted and the caller is identified", async (t) => {
    callers.length = 0;
    const out = await sdk(AKID, SECRET).send(new ListCommandsCommand({}));
    assert.equal(out.$metadata.httpStatusCode, 200);
    assert.equal(lastCaller()?.accessKeyId, AKID);
    assert.equal(lastCaller()?.region, "us-east-1");
    assert.ok(lastCaller()?.signedHeaders.includes("x-amz-target"));
    t.diagnostic(`SignedHeaders=${lastCaller()?.signedHeaders.join(";")}`);
  });

  test("the AWS SDK with a wrong secret gets InvalidSignatureException", async () => {
    await assert.rejects(sdk(AKID, "not-the-secret").send(new ListCommandsCommand({})), {
      name: "InvalidSignatureException",
    });
  });

  test("the AWS SDK with an unknown key gets UnrecognizedClientException", async () => {
    await assert.rejects(sdk("AKIDUNKNOWN", SECRET).send(new ListCommandsCommand({})), {
      name: "UnrecognizedClientException",
      message: "The security token included in the request is invalid.",
    });
  });

  async function runAws(bin: string, secret: string): Promise<{ code: number; stderr: string }> {
    const config = join(tmp, "empty-config");
    await writeFile(config, "");
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("AWS_")) env[k] = v;
    Object.assign(env, {
      AWS_ACCESS_KEY_ID: AKID,
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: config,
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_PAGER: "",
      AWS_MAX_ATTEMPTS: "1",
    });
    const args = ["--endpoint-url", endpoint, "--region", "us-east-1", "ssm", "list-commands"];
    try {
      const { stderr } = await run(bin, args, { env, timeout: 60_000 });
      return { code: 0, stderr };
    } catch (error) {
      const e = error as { code?: unknown; stderr?: string };
      if (typeof e.code !== "number") throw error;
      return { code: e.code, stderr: e.stderr ?? "" };
    }
  }

  const clis = [
    { label: "aws CLI first on PATH", bin: "aws" },
    { label: "aws CLI v2 at /usr/bin/aws", bin: "/usr/bin/aws" },
  ];
  for (const { label, bin } of clis) {
    test(`${label}: ssm list-commands succeeds, and fails with a wrong secret`, async (t) => {
      const version = await run(bin, ["--version"], { timeout: 60_000 }).then(
        (r) => `${r.stdout}${r.stderr}`.trim(),
        () => undefined,
      );
      if (version === undefined) {
        t.skip(`${bin} is not installed`);
        return;
      }
      t.diagnostic(version);
      callers.length = 0;
      const ok = await runAws(bin, SECRET);
      assert.equal(ok.code, 0, ok.stderr);
      assert.equal(lastCaller()?.region, "us-east-1");
      t.diagnostic(`SignedHeaders=${lastCaller()?.signedHeaders.join(";")}`);
      const bad = await runAws(bin, "not-the-secret");
      assert.notEqual(bad.code, 0);
      assert.match(bad.stderr, /InvalidSignatureException/);
    });
  }

  async function sendRaw(req: SignedRequest, body: Buffer): Promise<{ status: number; json: Record<string, string> }> {
    const headers = { ...req.headers, "content-length": String(body.length) };
    return new Promise((resolve, reject) => {
      const out = http.request({ host: "127.0.0.1", port, method: req.method, path: req.url, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) }),
        );
      });
      out.on("error", reject);
      out.end(body);
    });
  }

  const original = '{"MaxResults":5}';
  const tampered = Buffer.from('{"MaxResults":6}');
  for (const withContentSha of [true, false]) {
    test(`a body changed in transit is rejected (x-amz-content-sha256 signed: ${withContentSha})`, async () => {
      const req = await signFixture({ body: original, host: `127.0.0.1:${port}`, withContentSha, date: new Date() });
      assert.equal((req.headers.authorization as string).includes("x-amz-content-sha256"), withContentSha);
      assert.equal((await sendRaw(req, req.body)).status, 200);
      const res = await sendRaw(req, tampered);
      assert.equal(res.status, 400);
      assert.equal(res.json.__type, "InvalidSignatureException");
    });
  }

  test("an unsigned x-amz-content-sha256 carrying the original hash does not let a changed body through", async () => {
    const req = await signFixture({ body: original, host: `127.0.0.1:${port}`, date: new Date() });
    req.headers["x-amz-content-sha256"] = createHash("sha256").update(original).digest("hex");
    const res = await sendRaw(req, tampered);
    assert.equal(res.status, 400);
    assert.equal(res.json.__type, "InvalidSignatureException");
  });
});

describe("verifySigV4 clock skew", () => {
  const minutes = (n: number) => new Date(SIGNED_AT.getTime() + n * 60_000);

  test("a request signed 14 minutes ago is accepted", async () => {
    const caller = await verifyAt(await signFixture(), minutes(14));
    assert.deepEqual(caller, {
      accessKeyId: AKID,
      region: "eu-west-1",
      signedHeaders: ["content-type", "host", "x-amz-date", "x-amz-target"],
    });
  });

  test("a request signed 16 minutes ago has expired", async () => {
    await rejectsWith(verifyAt(await signFixture(), minutes(16)), "InvalidSignatureException", /^Signature expired: /);
  });

  test("the expiry message has AWS's wording", async () => {
    await rejectsWith(
      verifyAt(await signFixture(), minutes(30)),
      "InvalidSignatureException",
      "Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z (20260101T003000Z - 15 min.)",
    );
  });

  test("a request signed 16 minutes in the future is not yet current", async () => {
    await rejectsWith(
      verifyAt(await signFixture(), minutes(-16)),
      "InvalidSignatureException",
      "Signature not yet current: 20260101T000000Z is still later than 20251231T235900Z (20251231T234400Z + 15 min.)",
    );
  });
});

describe("verifySigV4 refuses requests it cannot authenticate", () => {
  test("a request without Authorization is missing its token", async () => {
    const req = await signFixture();
    delete req.headers.authorization;
    await rejectsWith(verifyAt(req), "MissingAuthenticationTokenException", "Request is missing Authentication Token");
  });

  test("a presigned query without Authorization is refused as unsupported", async () => {
    const req = await signFixture();
    delete req.headers.authorization;
    req.url = "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=00";
    await rejectsWith(verifyAt(req), "IncompleteSignatureException", /presigned/);
  });

  const malformed: Array<[string, (auth: string) => string, RegExp]> = [
    ["another algorithm", (a) => a.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"), /Unsupported AWS 'algorithm'/],
    ["no Signature", (a) => a.replace(/, Signature=\w+/, ""), /requires 'Signature' parameter/],
    ["no Credential", (a) => a.replace(/Credential=[^,]+, /, ""), /requires 'Credential' parameter/],
    ["no SignedHeaders", (a) => a.replace(/SignedHeaders=[^,]+, /, ""), /requires 'SignedHeaders' parameter/],
    ["a short scope", (a) => a.replace("/eu-west-1/", "/"), /exactly 5 slash-delimited elements/],
    ["a bad terminator", (a) => a.replace("aws4_request", "aws5_request"), /valid terminator: 'aws4_request'/],
    ["x-amz-date not signed", (a) => a.replace("host;x-amz-date;", "host;"), /'X-Amz-Date' must be a 'SignedHeader'/],
    ["host not signed", (a) => a.replace("content-type;host;", "content-type;"), /'Host' .* must be a 'SignedHeader'/],
  ];
  for (const [what, edit, message] of malformed) {
    test(`an Authorization header with ${what} is an incomplete signature`, async () => {
      const req = await signFixture();
      req.headers.authorization = edit(req.headers.authorization as string);
      await rejectsWith(verifyAt(req), "IncompleteSignatureException", message);
    });
  }

  test("a request without X-Amz-Date, or with one in the wrong format, is an incomplete signature", async () => {
    const req = await signFixture();
    delete req.headers["x-amz-date"];
    await rejectsWith(verifyAt(req), "IncompleteSignatureException", /requires existence of a 'X-Amz-Date' header/);
    req.headers["x-amz-date"] = "2026-01-01T00:00:00Z";
    await rejectsWith(verifyAt(req), "IncompleteSignatureException", /ISO-8601 'basic format'/);
  });

  test("a signature scoped to another service is refused with AWS's wording", async () => {
    await rejectsWith(
      verifyAt(await signFixture({ service: "ec2" })),
      "InvalidSignatureException",
      "Credential should be scoped to correct service: 'ssm'.",
    );
  });

  test("a scope date that differs from X-Amz-Date is refused", async () => {
    const req = await signFixture();
    req.headers.authorization = (req.headers.authorization as string).replace("/20260101/", "/20251231/");
    await rejectsWith(verifyAt(req), "InvalidSignatureException", /Date in Credential scope does not match/);
  });

  test("a changed signed header value no longer matches the signature", async () => {
    const req = await signFixture();
    req.headers["x-amz-target"] = "AmazonSSM.SendCommand";
    await rejectsWith(verifyAt(req), "InvalidSignatureException", /^The request signature we calculated/);
  });

  test("query parameters are part of what is verified", async () => {
    const url = "/?a=1&b=x%20y%2Bz&b=2";
    const req = await signFixture({ url, query: { a: "1", b: ["x y+z", "2"] } });
    assert.equal((await verifyAt(req)).accessKeyId, AKID);
    req.url = "/?a=1&b=x%20y%2Bz&b=3";
    await rejectsWith(verifyAt(req), "InvalidSignatureException", /^The request signature we calculated/);
  });
});
