/**
 * The IAM principals and policies fleetrun keeps. Times are epoch milliseconds; names are unique
 * per kind (as in IAM, regardless of path). ARNs are derived from the account id, never stored,
 * except a customer managed policy's, which attachments refer to.
 */

/** A tag on an IAM resource. */
export interface IamTag {
  Key: string;
  Value: string;
}

/** An IAM user. */
export interface UserRecord {
  userName: string;
  /** `AIDA` + 17 characters, as IAM's unique ids. */
  userId: string;
  /** `/` or `/division/team/`. */
  path: string;
  createdAt: number;
  tags: IamTag[];
}

/** An IAM group. */
export interface GroupRecord {
  groupName: string;
  /** `AGPA` + 17 characters. */
  groupId: string;
  path: string;
  createdAt: number;
}

/** A customer managed policy and its one (default) version `v1`. */
export interface ManagedPolicyRecord {
  policyName: string;
  /** `ANPA` + 17 characters. */
  policyId: string;
  /** `arn:aws:iam::<account>:policy<path><name>`. */
  arn: string;
  path: string;
  description: string;
  /** The policy document exactly as given. */
  document: string;
  createdAt: number;
  updatedAt: number;
  tags: IamTag[];
}

/** Who an inline policy or an attachment belongs to. */
export interface PrincipalRef {
  kind: "user" | "group";
  name: string;
}

/** An inline policy of a user or group: the document exactly as given. */
export interface InlinePolicyRecord {
  policyName: string;
  document: string;
}
