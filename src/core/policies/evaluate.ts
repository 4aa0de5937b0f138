/**
 * IAM identity-policy evaluation: an explicit Deny in any statement of any policy wins; otherwise
 * any matching Allow allows; otherwise the request is implicitly denied.
 */

import { compiledStatements } from "./compile-policy.ts";
import type { CompiledStatement } from "./compile-statement.ts";
import { conditionHolds } from "./evaluate-condition.ts";
import { arnMatch, globMatch } from "./glob.ts";
import type { PolicyDocument } from "./policy-document.ts";
import { renderGlob } from "./policy-template.ts";
import { type ContextInput, RequestContext } from "./request-context.ts";

/** One authorization question: may the caller do `action` on `resource`? */
export interface AuthzRequest {
  /** `service:Operation`, e.g. `ssm:SendCommand`. */
  readonly action: string;
  /** The resource ARN (see arns.ts), or `*` for actions that act on no particular resource. */
  readonly resource: string;
  /**
   * Other names of the same resource: a managed node is also matched as an EC2 instance ARN so
   * policies written for AWS (`arn:aws:ec2:*:*:instance/*`) work. Resource matches when any name
   * does; NotResource only when none does.
   */
  readonly resourceAliases?: readonly string[];
  /**
   * Context keys (case-insensitive): `aws:username`, `aws:SourceIp`, `aws:CurrentTime` (ISO 8601),
   * `aws:SecureTransport` (`"true"`/`"false"`), `ssm:resourceTag/<key>` (the resource's tags), ...
   * The caller supplies every key, including the current time.
   */
  readonly context: ContextInput;
}

/** The outcome; an explicit deny names the deciding statement (its Sid, else its index) and policy index. */
export type Decision =
  | { readonly effect: "Allow" }
  | { readonly effect: "Deny"; readonly reason: "implicit" }
  | { readonly effect: "Deny"; readonly reason: "explicit"; readonly statement: string; readonly policy: number };

/**
 * Decides a request against all the caller's policies (inline, group and attached alike).
 * @throws SsmError ValidationException if a document was not built by parsePolicy and breaks the grammar.
 */
export function evaluate(policies: readonly PolicyDocument[], request: AuthzRequest): Decision {
  const ctx = new RequestContext(request.context);
  const names = [request.resource, ...(request.resourceAliases ?? [])];
  let allowed = false;
  for (const [policy, doc] of policies.entries()) {
    for (const st of compiledStatements(doc)) {
      if (st.effect === "Allow" && allowed) continue;
      if (!applies(st, request.action, names, ctx)) continue;
      if (st.effect === "Deny") return { effect: "Deny", reason: "explicit", statement: st.label, policy };
      allowed = true;
    }
  }
  return allowed ? { effect: "Allow" } : { effect: "Deny", reason: "implicit" };
}

function applies(st: CompiledStatement, action: string, names: readonly string[], ctx: RequestContext): boolean {
  const actionHit = st.actions.some((p) => globMatch(p, action, true));
  if (actionHit === st.notAction) return false;
  let resourceHit = false;
  for (const t of st.resources) {
    const pattern = renderGlob(t, ctx.lookup);
    // An unresolved policy variable makes AWS treat the statement as not applying at all.
    if (pattern === undefined) {
      if (st.notResource) return false;
      continue;
    }
    if (names.some((n) => arnMatch(pattern, n))) resourceHit = true;
  }
  if (resourceHit === st.notResource) return false;
  return st.conditions.every((c) => conditionHolds(c, ctx));
}

/**
 * Whether any Allow statement names `action` at all, whatever its resources and conditions: the
 * coarse "may this caller ever do this?" that decides between an empty, filtered list and
 * AccessDenied for list operations.
 */
export function mayEverAllow(policies: readonly PolicyDocument[], action: string): boolean {
  return policies.some((doc) =>
    compiledStatements(doc).some(
      (st) => st.effect === "Allow" && st.actions.some((p) => globMatch(p, action, true)) !== st.notAction,
    ),
  );
}
