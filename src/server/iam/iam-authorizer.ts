import { IamError } from "../../core/identity/iam-error.ts";
import { userArn } from "../../core/identity/iam-names.ts";
import { accessDeniedMessage, evaluate } from "../../core/policies/index.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Caller } from "../http/aws-protocol.ts";
import type { IdentityService } from "../identity/identity-service.ts";

/**
 * Authorizes IAM API calls: `iam:<Operation>` on the target user's, group's or policy's ARN,
 * against every policy that applies to the caller (explicit Deny wins; no Allow denies).
 */
export class IamAuthorizer {
  readonly #identity: IdentityService;
  readonly #clock: Clock;

  constructor(deps: { identity: IdentityService; clock: Clock }) {
    this.#identity = deps.identity;
    this.#clock = deps.clock;
  }

  /** @throws IamError AccessDenied naming the caller, the action and the resource, as AWS words it. */
  async authorize(caller: Caller, action: string, resource: string): Promise<void> {
    const userName = caller.userName;
    const [user, policies] = await Promise.all([
      this.#identity.findUser(userName),
      this.#identity.policiesFor(userName),
    ]);
    const principal = userArn(this.#identity.accountId, userName, user?.path ?? "/");
    const request = {
      action,
      resource,
      context: {
        "aws:username": userName,
        "aws:userid": user?.userId,
        "aws:PrincipalArn": principal,
        "aws:SourceIp": caller.sourceIp,
        "aws:SecureTransport": String(caller.secureTransport),
        "aws:CurrentTime": new Date(this.#clock.now()).toISOString(),
      },
    };
    const decision = user ? evaluate(policies, request) : ({ effect: "Deny", reason: "implicit" } as const);
    if (decision.effect === "Deny")
      throw new IamError("AccessDenied", accessDeniedMessage(principal, request, decision));
  }
}
