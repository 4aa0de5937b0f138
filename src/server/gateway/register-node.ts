import { createPublicKey } from "node:crypto";
import type { Clock } from "../../core/ports/clock.ts";
import type { Ids } from "../../core/ports/ids.ts";
import type { Store } from "../../core/ports/store.ts";
import { type RegisterResponse, registerRequest } from "../../protocol/agent/messages.ts";
import { SsmError, validationError } from "../../protocol/errors.ts";
import type { AgentAudit } from "../audit/agent-auditor.ts";
import { activationCodeHash } from "../auth/activation-code.ts";

/**
 * Registers a node with an activation (id + code) and the Ed25519 public key it generated.
 * The server keeps only the public key; tags come from the activation, never from the node.
 * Every attempt, allowed or refused, goes to `deps.audit` (activation code hidden).
 */
export async function registerNode(
  deps: { store: Store; clock: Clock; ids: Ids; region: string; audit?: AgentAudit },
  body: unknown,
): Promise<RegisterResponse> {
  try {
    const response = await register(deps, body);
    deps.audit?.registered(body, { instanceId: response.instanceId });
    return response;
  } catch (error) {
    deps.audit?.registered(body, { error });
    throw error;
  }
}

async function register(
  deps: { store: Store; clock: Clock; ids: Ids; region: string },
  body: unknown,
): Promise<RegisterResponse> {
  const parsed = registerRequest.safeParse(body);
  if (!parsed.success) {
    throw validationError(
      `Invalid registration request: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  const req = parsed.data;
  try {
    const key = createPublicKey({ key: Buffer.from(req.publicKey, "base64"), format: "der", type: "spki" });
    if (key.asymmetricKeyType !== "ed25519") throw validationError("publicKey must be an Ed25519 key.");
  } catch (error) {
    if (error instanceof SsmError) throw error;
    throw validationError("publicKey is not a base64 SPKI DER public key.");
  }
  const activation = await deps.store.getActivation(req.activationId);
  const invalid = new SsmError("InvalidActivation", "The activation ID or activation code is not valid.");
  if (!activation) throw invalid;
  const now = deps.clock.now();
  const instanceId = deps.ids.nodeId();
  const outcome = await deps.store.registerNode(
    req.activationId,
    activationCodeHash(req.activationCode),
    {
      instanceId,
      activationId: req.activationId,
      publicKey: req.publicKey,
      name: activation.defaultInstanceName,
      computerName: req.info.computerName,
      ipAddress: req.info.ipAddress,
      platformType: req.info.platformType,
      platformName: req.info.platformName,
      platformVersion: req.info.platformVersion,
      agentVersion: req.info.agentVersion,
      iamRole: activation.iamRole,
      registeredAt: now,
      connected: false,
    },
    now,
  );
  if (outcome === "not-found") throw invalid;
  if (outcome === "expired")
    throw new SsmError("InvalidActivation", `Activation ${req.activationId} has expired; create a new one.`);
  if (outcome === "limit-reached") {
    throw new SsmError(
      "InvalidActivation",
      `Activation ${req.activationId} has reached its registration limit of ${activation.registrationLimit}.`,
    );
  }
  return { instanceId, region: deps.region };
}
