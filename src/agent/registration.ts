import type { RegisterResponse } from "../protocol/agent/messages.ts";
import { type AgentIdentity, generateNodeKeys, saveIdentity } from "./identity.ts";
import { platformInfo } from "./platform-info.ts";
import { postJson } from "./tls/post-json.ts";
import type { ServerTrust } from "./tls/server-trust.ts";

/**
 * First run: generates the node key pair, registers with the activation and stores the
 * identity, with `trust` (how the server is verified from now on). Throws with the server's
 * message when the activation is refused, and before sending anything when the server's
 * certificate is not trusted or plain http would leave this machine.
 */
export async function register(
  stateDir: string,
  server: string,
  activationId: string,
  activationCode: string,
  trust: ServerTrust = {},
): Promise<AgentIdentity> {
  const keys = generateNodeKeys();
  const body = JSON.stringify({ activationId, activationCode, publicKey: keys.publicKey, info: platformInfo() });
  const response = await postJson(server, "/agent/v1/register", body, trust);
  if (response.status < 200 || response.status >= 300) {
    let detail = response.text;
    try {
      const parsed = JSON.parse(response.text) as { __type?: string; message?: string };
      detail = `${parsed.__type}: ${parsed.message}`;
    } catch {
      // not JSON: keep the raw text
    }
    throw new Error(`registration refused by ${server}: ${detail}`);
  }
  const answer = JSON.parse(response.text) as RegisterResponse;
  const identity: AgentIdentity = {
    instanceId: answer.instanceId,
    server,
    region: answer.region,
    ...keys,
    ...trust,
    stateDir,
  };
  await saveIdentity(stateDir, identity);
  return identity;
}
