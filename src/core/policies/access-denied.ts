/**
 * The AccessDeniedException message AWS writes, naming the caller, the action and the resource.
 */

import type { AuthzRequest, Decision } from "./evaluate.ts";

/**
 * `User: <arn> is not authorized to perform: ssm:SendCommand on resource: <arn> because no
 * identity-based policy allows the ssm:SendCommand action` (or `with an explicit deny in an
 * identity-based policy`).
 */
export function accessDeniedMessage(
  principalArn: string,
  request: Pick<AuthzRequest, "action" | "resource">,
  decision: Extract<Decision, { effect: "Deny" }>,
): string {
  const why =
    decision.reason === "explicit"
      ? "with an explicit deny in an identity-based policy"
      : `because no identity-based policy allows the ${request.action} action`;
  return `User: ${principalArn} is not authorized to perform: ${request.action} on resource: ${request.resource} ${why}`;
}
