import { SSMClient } from "@aws-sdk/client-ssm";
import { type ClientFlags, clientConfig } from "./client-options.ts";
import { signedFetch } from "./output/signed-fetch.ts";

/**
 * Calls one operation of fleetrun's own JSON API (`X-Amz-Target: Fleetrun.<operation>`, SigV4
 * service `fleetrun`) with the credentials the AWS SDK's default chain finds, as every other
 * client subcommand does. A refusal throws "An error occurred (Code) when calling ...".
 */
export async function callFleetrun(
  flags: ClientFlags,
  operation: string,
  input: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  const config = clientConfig(flags);
  const sdk = new SSMClient(config);
  let credentials: Awaited<ReturnType<typeof sdk.config.credentials>>;
  try {
    credentials = await sdk.config.credentials();
  } finally {
    sdk.destroy();
  }
  const response = await signedFetch(new URL("/", config.endpoint), {
    method: "POST",
    service: "fleetrun",
    region: config.region,
    credentials,
    headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `Fleetrun.${operation}` },
    body: JSON.stringify(input),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    throw new Error(`the server answered ${operation} with HTTP ${response.status} and no JSON`);
  }
  if (!response.ok) {
    const code = String(body.__type ?? `HTTP ${response.status}`);
    throw new Error(
      `An error occurred (${code}) when calling the ${operation} operation: ${String(body.message ?? "")}`,
    );
  }
  return body;
}

/** Every item of a paged list operation (`NextToken`), up to `max`. */
export async function callFleetrunPaged(
  flags: ClientFlags,
  operation: string,
  input: Record<string, unknown>,
  member: string,
  max = Number.POSITIVE_INFINITY,
): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let token: string | undefined;
  do {
    const page = await callFleetrun(flags, operation, { ...input, ...(token ? { NextToken: token } : {}) });
    const list = page[member];
    if (Array.isArray(list)) items.push(...(list as Array<Record<string, unknown>>));
    token = typeof page.NextToken === "string" ? page.NextToken : undefined;
  } while (token && items.length < max);
  return items.slice(0, max);
}
