import type { RegisterResponse } from "../protocol/agent/messages.ts";
import { type AgentIdentity, generateNodeKeys, saveIdentity } from "./identity.ts";
import { platformInfo } from "./platform-info.ts";

/**
 * First run: generates the node key pair, registers with the activation and stores the
 * identity. Throws with the server's message when the activation is refused.
 */
export async function register(
  stateDir: string,
  server: string,
  activationId: string,
  activationCode: string,
): Promise<AgentIdentity> {
  const keys = generateNodeKeys();
  const response = await fetch(new URL("/agent/v1/register", server), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ activationId, activationCode, publicKey: keys.publicKey, info: platformInfo() }),
  });
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      const body = JSON.parse(text) as { __type?: string; message?: string };
      detail = `${body.__type}: ${body.message}`;
    } catch {
      // not JSON: keep the raw text
    }
    throw new Error(`registration refused by ${server}: ${detail}`);
  }
  const body = JSON.parse(text) as RegisterResponse;
  const identity: AgentIdentity = { instanceId: body.instanceId, server, region: body.region, ...keys };
  await saveIdentity(stateDir, identity);
  return identity;
}
