/**
 * The IAM actions fleetrun authorizes for its SSM API: `ssm:` plus each operation it serves.
 */

import { type TypedSsmOperation, typedSsmOperations } from "../../protocol/ssm/types.ts";

/** An SSM action name, e.g. `ssm:SendCommand`. */
export type SsmAction = `ssm:${TypedSsmOperation}`;

/** The action that authorizes an SSM operation. */
export function ssmAction(operation: TypedSsmOperation): SsmAction {
  return `ssm:${operation}`;
}

/** Every SSM action fleetrun authorizes, in the order the operations are served. */
export const SSM_ACTIONS: readonly SsmAction[] = Object.freeze(typedSsmOperations.map(ssmAction));
