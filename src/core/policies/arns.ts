/**
 * ARNs of the resources fleetrun authorizes, in the forms AWS uses so AWS policies carry over.
 */

/** The partition fleetrun writes into every ARN. */
export const PARTITION = "aws";

/**
 * A document's ARN. Amazon-owned documents (`AWS-RunShellScript`, ...) have an empty account, as in
 * AWS, so `arn:aws:ssm:us-east-1::document/AWS-*` matches them; fleetrun's own documents carry the
 * configured account id.
 */
export function documentArn(region: string, account: string, name: string): string {
  return `arn:${PARTITION}:ssm:${region}:${account}:document/${name}`;
}

/** A managed node's ARN: `arn:aws:ssm:<region>:<account>:managed-instance/mi-...`. */
export function managedInstanceArn(region: string, account: string, id: string): string {
  return `arn:${PARTITION}:ssm:${region}:${account}:managed-instance/${id}`;
}

/**
 * The EC2-instance form of a node's ARN, passed as AuthzRequest.resourceAliases so policies written
 * for AWS EC2 instances (`arn:aws:ec2:*:*:instance/*`) also cover fleetrun's nodes.
 */
export function ec2InstanceArn(region: string, account: string, id: string): string {
  return `arn:${PARTITION}:ec2:${region}:${account}:instance/${id}`;
}

/** A command's ARN: `arn:aws:ssm:<region>:<account>:command/<command-id>`. */
export function commandArn(region: string, account: string, commandId: string): string {
  return `arn:${PARTITION}:ssm:${region}:${account}:command/${commandId}`;
}
