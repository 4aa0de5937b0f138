import type { ActivationFilter } from "../../../core/ports/store.ts";
import type { Activation } from "../../../protocol/ssm/types.ts";
import type { OperationHandler } from "../context.ts";
import { nextToken, pageRequest } from "../pagination.ts";
import { compact, epochSeconds } from "../wire.ts";

/** DescribeActivations: newest first, with live Expired and RegistrationsCount. */
export const handleDescribeActivations: OperationHandler<"DescribeActivations"> = async (ctx, input) => {
  await ctx.authz.require("ssm:DescribeActivations", "*");
  const filter: ActivationFilter = {};
  for (const f of input.Filters ?? []) {
    const values = f.FilterValues ?? [];
    if (f.FilterKey === "ActivationIds") filter.activationIds = values;
    else if (f.FilterKey === "DefaultInstanceName") filter.defaultInstanceNames = values;
    else if (f.FilterKey === "IamRole") filter.iamRoles = values;
  }
  const request = pageRequest(input, 50, 50);
  const page = await ctx.store.listActivations(filter, request);
  const now = ctx.clock.now();
  return compact({
    ActivationList: page.items.map(
      (a): Activation => ({
        ActivationId: a.activationId,
        Description: a.description,
        DefaultInstanceName: a.defaultInstanceName,
        IamRole: a.iamRole,
        RegistrationLimit: a.registrationLimit,
        RegistrationsCount: a.registrationsCount,
        ExpirationDate: epochSeconds(a.expiresAt),
        Expired: a.expiresAt <= now,
        CreatedDate: epochSeconds(a.createdAt),
        Tags: a.tags,
      }),
    ),
    NextToken: nextToken(request, page),
  });
};
