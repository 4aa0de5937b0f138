import {
  accessDeniedMessage,
  type Decision,
  documentArn,
  ec2InstanceArn,
  evaluate,
  managedInstanceArn,
  mayEverAllow,
  type PolicyDocument,
} from "../../core/policies/index.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { Store, TaggedResourceType } from "../../core/ports/store.ts";
import { BUILTIN_DOCUMENTS } from "../../protocol/document/index.ts";
import { SsmError } from "../../protocol/errors.ts";
import type { Caller } from "../http/aws-protocol.ts";

/** Where a user's effective policies come from (inline, attached, and their groups'). */
export interface PolicySource {
  policiesFor(userName: string): Promise<readonly PolicyDocument[]>;
}

/** What an authorizer needs besides the caller. */
export interface AuthorizerDeps {
  policies: PolicySource;
  store: Store;
  clock: Clock;
  region: string;
  accountId: string;
}

/** A resource as policies see it: its ARN, the ARNs it also answers to, and its tags. */
export interface AuthzResource {
  arn: string;
  aliases?: string[];
  tags?: ReadonlyArray<{ Key: string; Value: string }>;
}

const BUILTIN_NAMES = new Set(BUILTIN_DOCUMENTS.map((d) => d.name));

/**
 * Authorizes one caller's API call against its IAM-style policies: every action, and every
 * resource it touches (documents, nodes), with the resource's tags as `ssm:resourceTag/<key>`.
 * One instance per request: the caller's policies are loaded once.
 */
export class Authorizer {
  readonly #deps: AuthorizerDeps;
  readonly #caller: Caller;
  #policies: Promise<readonly PolicyDocument[]> | undefined;

  constructor(deps: AuthorizerDeps, caller: Caller) {
    this.#deps = deps;
    this.#caller = caller;
  }

  /** The caller's ARN, as AccessDenied messages name it. */
  get principalArn(): string {
    return `arn:aws:iam::${this.#deps.accountId}:user/${this.#caller.userName}`;
  }

  /** A managed node as a resource (its EC2-style ARN as an alias, so EC2 policies carry over). */
  async node(instanceId: string): Promise<AuthzResource> {
    const { region, accountId, store } = this.#deps;
    return {
      arn: managedInstanceArn(region, accountId, instanceId),
      aliases: [ec2InstanceArn(region, accountId, instanceId)],
      tags: await store.listTags("ManagedInstance", instanceId),
    };
  }

  /** A document as a resource: Amazon-owned ones have an empty account in their ARN, as in AWS. */
  async document(name: string): Promise<AuthzResource> {
    const { region, accountId, store } = this.#deps;
    const builtin = BUILTIN_NAMES.has(name);
    return {
      arn: documentArn(region, builtin ? "" : accountId, name),
      tags: builtin ? [] : await store.listTags("Document", name),
    };
  }

  /** A tagged resource by its type and id. */
  async resource(type: TaggedResourceType, id: string): Promise<AuthzResource> {
    return type === "ManagedInstance" ? this.node(id) : this.document(id);
  }

  #loadPolicies(): Promise<readonly PolicyDocument[]> {
    this.#policies ??= this.#deps.policies.policiesFor(this.#caller.userName);
    return this.#policies;
  }

  /**
   * For list operations: unless some Allow statement names `action` at all, the caller gets
   * AccessDeniedException rather than a silently empty list; otherwise the list is filtered.
   */
  async requireSomewhere(action: string): Promise<void> {
    if (mayEverAllow(await this.#loadPolicies(), action)) return;
    await this.require(action, "*");
  }

  /** Evaluates `action` on `resource`. */
  async decide(action: string, resource: AuthzResource | "*"): Promise<Decision> {
    const policies = await this.#loadPolicies();
    const target = resource === "*" ? { arn: "*" } : resource;
    const context: Record<string, string> = {
      "aws:username": this.#caller.userName,
      "aws:SourceIp": this.#caller.sourceIp,
      "aws:CurrentTime": new Date(this.#deps.clock.now()).toISOString(),
      "aws:SecureTransport": String(this.#caller.secureTransport),
      "aws:PrincipalArn": this.principalArn,
    };
    for (const tag of target.tags ?? []) {
      context[`ssm:resourceTag/${tag.Key}`] = tag.Value;
      context[`aws:ResourceTag/${tag.Key}`] = tag.Value;
    }
    return evaluate(policies, { action, resource: target.arn, resourceAliases: target.aliases ?? [], context });
  }

  async allows(action: string, resource: AuthzResource | "*"): Promise<boolean> {
    return (await this.decide(action, resource)).effect === "Allow";
  }

  /** Throws AccessDeniedException, naming the action and resource, unless allowed. */
  async require(action: string, resource: AuthzResource | "*"): Promise<void> {
    const decision = await this.decide(action, resource);
    if (decision.effect === "Allow") return;
    const arn = resource === "*" ? "*" : resource.arn;
    throw new SsmError(
      "AccessDeniedException",
      accessDeniedMessage(this.principalArn, { action, resource: arn }, decision),
    );
  }

  /** Requires `action` on every node; the first refusal throws, naming that node. */
  async requireNodes(action: string, instanceIds: readonly string[]): Promise<void> {
    const allowed = new Set(await this.allowedNodes(action, instanceIds));
    const refused = instanceIds.find((id) => !allowed.has(id));
    if (refused !== undefined) await this.require(action, await this.node(refused));
  }

  /** The subset of nodes the caller may perform `action` on, in order (their tags read in bulk). */
  async allowedNodes(action: string, instanceIds: readonly string[]): Promise<string[]> {
    const { region, accountId, store } = this.#deps;
    const tags = await store.listTagsOfMany("ManagedInstance", instanceIds);
    const allowed: string[] = [];
    for (const id of instanceIds) {
      const node = {
        arn: managedInstanceArn(region, accountId, id),
        aliases: [ec2InstanceArn(region, accountId, id)],
        tags: tags.get(id) ?? [],
      };
      if (await this.allows(action, node)) allowed.push(id);
    }
    return allowed;
  }
}
