import { deregisterNode } from "../../../core/nodes/deregister-node.ts";
import type { OperationHandler } from "../context.ts";

/** DeregisterManagedInstance: forgets the node, cuts it off and ends its open invocations. */
export const handleDeregisterManagedInstance: OperationHandler<"DeregisterManagedInstance"> = async (ctx, input) => {
  await ctx.authz.require("ssm:DeregisterManagedInstance", await ctx.authz.node(input.InstanceId));
  await deregisterNode(ctx, input.InstanceId);
  return {};
};
