import { SsmError } from "../../../protocol/errors.ts";
import type { OperationHandler } from "../context.ts";

/** DeregisterManagedInstance: forgets the node and cuts its connection at once. */
export const handleDeregisterManagedInstance: OperationHandler = async (ctx, input) => {
  const instanceId = input.InstanceId as string;
  if (!(await ctx.store.deleteNode(instanceId))) {
    throw new SsmError("InvalidInstanceId", `Instance ${instanceId} is not a registered managed node.`);
  }
  await ctx.bus.publish(`node.${instanceId}`, { kind: "disconnect", instanceId });
  return {};
};
