import { SsmError } from "../../../protocol/errors.ts";
import { activationCodeHash } from "../../auth/activation-code.ts";
import type { OperationHandler } from "../context.ts";

const DAY_MS = 24 * 3600 * 1000;

/** CreateActivation: an id + code agents register with (limit, expiry ≤ 30 days, tags for the nodes). */
export const handleCreateActivation: OperationHandler<"CreateActivation"> = async (ctx, input) => {
  await ctx.authz.require("ssm:CreateActivation", "*");
  const now = ctx.clock.now();
  const expiresAt = input.ExpirationDate === undefined ? now + DAY_MS : Math.round(input.ExpirationDate * 1000);
  if (expiresAt <= now) throw new SsmError("InvalidParameters", "ExpirationDate must be in the future.");
  if (expiresAt > now + 30 * DAY_MS)
    throw new SsmError("InvalidParameters", "ExpirationDate can be at most 30 days from now.");
  const activationId = ctx.ids.uuid();
  const activationCode = ctx.ids.secret(20);
  await ctx.store.createActivation({
    activationId,
    codeHash: activationCodeHash(activationCode),
    description: input.Description ?? "",
    defaultInstanceName: input.DefaultInstanceName ?? "",
    iamRole: input.IamRole,
    registrationLimit: input.RegistrationLimit ?? 1,
    registrationsCount: 0,
    expiresAt,
    createdAt: now,
    tags: input.Tags ?? [],
  });
  return { ActivationId: activationId, ActivationCode: activationCode };
};
