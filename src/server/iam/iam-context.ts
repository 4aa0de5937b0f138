import { groupArn, userArn } from "../../core/identity/iam-names.ts";
import type { PrincipalRef } from "../../core/identity/identity-records.ts";
import type { Caller } from "../http/aws-protocol.ts";
import type { IdentityService } from "../identity/identity-service.ts";
import type { IamParams } from "./iam-params.ts";
import type { XmlValue } from "./xml-response.ts";

/** What an IAM operation handler gets. */
export interface IamContext {
  readonly identity: IdentityService;
  readonly caller: Caller;
  /** Authorizes this operation's action (`iam:<Operation>`) on `resource`. @throws IamError AccessDenied. */
  authorize(resource: string): Promise<void>;
}

/** The members of an operation's `<OpResult>`, or undefined for operations without output. */
export type IamResult = Record<string, XmlValue> | undefined;

/** One IAM operation. */
export type IamHandler = (ctx: IamContext, params: IamParams) => Promise<IamResult>;

/** The ARN a user or group is authorized under: with its path when it exists, else under `/`. */
export async function principalResource(ctx: IamContext, principal: PrincipalRef): Promise<string> {
  const account = ctx.identity.accountId;
  if (principal.kind === "user") {
    const user = await ctx.identity.findUser(principal.name);
    return userArn(account, principal.name, user?.path ?? "/");
  }
  const group = await ctx.identity.findGroup(principal.name);
  return groupArn(account, principal.name, group?.path ?? "/");
}

/** The resource of a listing (`ListUsers` → `arn:aws:iam::<account>:user/`), as AWS reports it. */
export function listingResource(ctx: IamContext, kind: "user" | "group" | "policy"): string {
  return `arn:aws:iam::${ctx.identity.accountId}:${kind}/`;
}
