import { AWS_MANAGED_POLICIES, awsManagedPolicy } from "../../core/identity/aws-managed-policies.ts";
import { IamError, noSuchGroup, noSuchPolicy, noSuchUser } from "../../core/identity/iam-error.ts";
import { parsePolicyArn, policyArn } from "../../core/identity/iam-names.ts";
import type {
  IamTag,
  InlinePolicyRecord,
  ManagedPolicyRecord,
  PrincipalRef,
} from "../../core/identity/identity-records.ts";
import type { PolicyDocument } from "../../core/policies/index.ts";
import type { Clock } from "../../core/ports/clock.ts";
import type { IdentityStore } from "../../core/ports/identity-store.ts";
import type { Ids } from "../../core/ports/ids.ts";
import { checkName, checkPath, checkPolicyDocument, checkTags, validationError } from "./identity-input.ts";

/** A managed policy as the API shows it. */
export interface ManagedPolicyView {
  policy: ManagedPolicyRecord;
  attachmentCount: number;
  /** One of fleetrun's built-in AWS managed policies (read-only). */
  awsManaged: boolean;
}

/** Filters of ListPolicies. */
export interface PolicyListFilter {
  scope?: "All" | "AWS" | "Local";
  onlyAttached?: boolean;
  pathPrefix?: string;
}

/** Managed policies a user or group may have attached (IAM's default quota). */
export const MAX_ATTACHED_POLICIES = 10;
const DEFAULT_VERSION = "v1";
const PARSED_CACHE_LIMIT = 1000;

/**
 * Inline policies of users and groups, customer and AWS managed policies, attachments, and the
 * effective policy set of a user. Every document is checked with the policy engine's grammar
 * before it is stored.
 */
export class PolicyDirectory {
  readonly #store: IdentityStore;
  readonly #clock: Clock;
  readonly #ids: Ids;
  readonly #accountId: string;
  readonly #parsed = new Map<string, PolicyDocument>();

  constructor(deps: { store: IdentityStore; clock: Clock; ids: Ids; accountId: string }) {
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#ids = deps.ids;
    this.#accountId = deps.accountId;
  }

  /** Adds or replaces an inline policy. @throws IamError ValidationError, MalformedPolicyDocument, NoSuchEntity. */
  async putInlinePolicy(principal: PrincipalRef, policyName: string, document: string): Promise<void> {
    checkName("policyName", policyName);
    checkPolicyDocument(document);
    if (!(await this.#store.putInlinePolicy(principal, { policyName, document }))) throw missing(principal);
  }

  /** @throws IamError NoSuchEntity (principal or policy). */
  async getInlinePolicy(principal: PrincipalRef, policyName: string): Promise<InlinePolicyRecord> {
    await this.#mustExist(principal);
    const policy = await this.#store.getInlinePolicy(principal, policyName);
    if (!policy) throw noSuchInline(principal, policyName);
    return policy;
  }

  /** Names of a principal's inline policies, ordered. @throws IamError NoSuchEntity. */
  async listInlinePolicyNames(principal: PrincipalRef): Promise<string[]> {
    await this.#mustExist(principal);
    return (await this.#store.listInlinePolicies(principal)).map((p) => p.policyName);
  }

  /** @throws IamError NoSuchEntity (principal or policy). */
  async deleteInlinePolicy(principal: PrincipalRef, policyName: string): Promise<void> {
    await this.#mustExist(principal);
    if (!(await this.#store.deleteInlinePolicy(principal, policyName))) throw noSuchInline(principal, policyName);
  }

  /** A customer managed policy with version v1 as its default. @throws IamError ValidationError, MalformedPolicyDocument, EntityAlreadyExists. */
  async createPolicy(input: {
    policyName: string;
    document: string;
    path?: string;
    description?: string;
    tags?: IamTag[];
  }): Promise<ManagedPolicyView> {
    checkName("policyName", input.policyName);
    const path = checkPath(input.path);
    const description = input.description ?? "";
    if (description.length > 1000)
      throw validationError("description", description, "Member must have length less than or equal to 1000");
    checkPolicyDocument(input.document);
    const now = this.#clock.now();
    const policy: ManagedPolicyRecord = {
      policyName: input.policyName,
      policyId: `ANPA${this.#ids.secret(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")}`,
      arn: policyArn(this.#accountId, input.policyName, path),
      path,
      description,
      document: input.document,
      createdAt: now,
      updatedAt: now,
      tags: checkTags(input.tags),
    };
    if (!(await this.#store.createManagedPolicy(policy)))
      throw new IamError(
        "EntityAlreadyExists",
        `A policy called ${input.policyName} already exists. Duplicate names are not allowed.`,
      );
    return { policy, attachmentCount: 0, awsManaged: false };
  }

  /** @throws IamError InvalidInput (not a policy ARN), NoSuchEntity. */
  async getPolicy(arn: string): Promise<ManagedPolicyView> {
    const policy = await this.#find(arn);
    const counts = await this.#store.attachmentCounts();
    return { policy, attachmentCount: counts.get(arn) ?? 0, awsManaged: awsManagedPolicy(arn) !== undefined };
  }

  /** The default (and only) version, `v1`. @throws IamError InvalidInput, NoSuchEntity. */
  async getPolicyVersion(
    arn: string,
    versionId: string,
  ): Promise<{ document: string; versionId: string; isDefaultVersion: boolean; createdAt: number }> {
    const policy = await this.#find(arn);
    if (versionId !== DEFAULT_VERSION)
      throw new IamError("NoSuchEntity", `Policy ${arn} version ${versionId} does not exist or is not attachable.`);
    return { document: policy.document, versionId, isDefaultVersion: true, createdAt: policy.createdAt };
  }

  /** AWS and customer managed policies, ordered by name. */
  async listPolicies(filter: PolicyListFilter = {}): Promise<ManagedPolicyView[]> {
    const scope = filter.scope ?? "All";
    const counts = await this.#store.attachmentCounts();
    const local = scope === "AWS" ? [] : await this.#store.listManagedPolicies();
    const aws = scope === "Local" ? [] : AWS_MANAGED_POLICIES;
    return [...aws, ...local]
      .filter((p) => p.path.startsWith(filter.pathPrefix ?? "/"))
      .map((p) => ({ policy: p, attachmentCount: counts.get(p.arn) ?? 0, awsManaged: aws.includes(p) }))
      .filter((v) => !filter.onlyAttached || v.attachmentCount > 0)
      .sort((a, b) => (a.policy.policyName < b.policy.policyName ? -1 : 1));
  }

  /** @throws IamError InvalidInput (AWS managed), NoSuchEntity, DeleteConflict (still attached). */
  async deletePolicy(arn: string): Promise<void> {
    await this.#find(arn);
    if (awsManagedPolicy(arn))
      throw new IamError("InvalidInput", `Policy ${arn} is an AWS managed policy and cannot be deleted.`);
    const outcome = await this.#store.deleteManagedPolicy(arn);
    if (outcome === "not-found") throw new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
    if (outcome === "has-attached-policies")
      throw new IamError("DeleteConflict", "Cannot delete a policy attached to entities.");
  }

  /** Idempotent. @throws IamError InvalidInput, NoSuchEntity (policy or principal), LimitExceeded. */
  async attachPolicy(principal: PrincipalRef, arn: string): Promise<void> {
    await this.#find(arn);
    await this.#mustExist(principal);
    const attached = await this.#store.listAttachedPolicies(principal);
    if (!attached.includes(arn) && attached.length >= MAX_ATTACHED_POLICIES) {
      const quota = principal.kind === "user" ? "PoliciesPerUser" : "PoliciesPerGroup";
      throw new IamError("LimitExceeded", `Cannot exceed quota for ${quota}: ${MAX_ATTACHED_POLICIES}`);
    }
    if (!(await this.#store.attachPolicy(principal, arn))) throw missing(principal);
  }

  /** @throws IamError NoSuchEntity (principal, or the policy is not attached). */
  async detachPolicy(principal: PrincipalRef, arn: string): Promise<void> {
    await this.#mustExist(principal);
    if (!(await this.#store.detachPolicy(principal, arn)))
      throw new IamError("NoSuchEntity", `Policy ${arn} was not found.`);
  }

  /** The managed policies attached to a principal. @throws IamError NoSuchEntity. */
  async listAttachedPolicies(
    principal: PrincipalRef,
    pathPrefix = "/",
  ): Promise<Array<{ policyName: string; policyArn: string }>> {
    await this.#mustExist(principal);
    return (await this.#store.listAttachedPolicies(principal))
      .map((arn) => ({ arn, parts: parsePolicyArn(arn) }))
      .filter(({ parts }) => (parts?.path ?? "/").startsWith(pathPrefix))
      .map(({ arn, parts }) => ({ policyName: parts?.name ?? arn, policyArn: arn }));
  }

  /**
   * Every policy that applies to a user: its inline and attached managed policies, then each of
   * its groups' inline and attached managed policies. Empty for an unknown user.
   * @throws IamError ServiceFailure when a stored document no longer parses (failing closed:
   *   skipping it could drop a Deny).
   */
  async policiesFor(userName: string): Promise<PolicyDocument[]> {
    const groups = await this.#store.listGroupsForUser(userName);
    const principals: PrincipalRef[] = [
      { kind: "user", name: userName },
      ...groups.map((g) => ({ kind: "group" as const, name: g.groupName })),
    ];
    const texts: string[] = [];
    for (const principal of principals) {
      for (const inline of await this.#store.listInlinePolicies(principal)) texts.push(inline.document);
      for (const arn of await this.#store.listAttachedPolicies(principal)) {
        const managed = awsManagedPolicy(arn) ?? (await this.#store.getManagedPolicy(arn));
        if (managed) texts.push(managed.document);
      }
    }
    return texts.map((text) => this.#parse(text));
  }

  #parse(text: string): PolicyDocument {
    let doc = this.#parsed.get(text);
    if (doc === undefined) {
      try {
        doc = checkPolicyDocument(text);
      } catch (error) {
        throw new IamError("ServiceFailure", "A stored policy document no longer parses.", { cause: error });
      }
      if (this.#parsed.size >= PARSED_CACHE_LIMIT) this.#parsed.clear();
      this.#parsed.set(text, doc);
    }
    return doc;
  }

  async #find(arn: string): Promise<ManagedPolicyRecord> {
    if (!parsePolicyArn(arn)) throw new IamError("InvalidInput", `ARN ${arn} is not valid.`);
    const policy = awsManagedPolicy(arn) ?? (await this.#store.getManagedPolicy(arn));
    if (!policy) throw noSuchPolicy(arn);
    return policy;
  }

  async #mustExist(principal: PrincipalRef): Promise<void> {
    const found =
      principal.kind === "user"
        ? await this.#store.getUser(principal.name)
        : await this.#store.getGroup(principal.name);
    if (!found) throw missing(principal);
  }
}

function missing(principal: PrincipalRef): IamError {
  return principal.kind === "user" ? noSuchUser(principal.name) : noSuchGroup(principal.name);
}

function noSuchInline(principal: PrincipalRef, policyName: string): IamError {
  return new IamError("NoSuchEntity", `The ${principal.kind} policy with name ${policyName} cannot be found.`);
}
