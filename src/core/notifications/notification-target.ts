/** Where a NotificationArn points: a webhook URL, or a fleetrun topic by name. */
export type NotificationTarget = { kind: "webhook"; url: string } | { kind: "topic"; name: string };

/** SNS topic names: 1–256 letters, digits, hyphens and underscores. */
export const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]*:[0-9]*:([A-Za-z0-9_-]{1,256})$/;

/**
 * Reads a NotificationArn: an `http://` or `https://` URL is a webhook; `arn:aws:sns:<region>:
 * <account>:<name>` or a bare topic name is a topic. Anything else is undefined (not a target).
 */
export function parseNotificationTarget(arn: string): NotificationTarget | undefined {
  if (/^https?:\/\//i.test(arn)) {
    if (!URL.canParse(arn)) return undefined;
    return { kind: "webhook", url: arn };
  }
  const name = TOPIC_ARN.exec(arn)?.[1] ?? (TOPIC_NAME.test(arn) ? arn : undefined);
  return name === undefined ? undefined : { kind: "topic", name };
}

/** A topic's ARN, in SNS's form. */
export function topicArn(region: string, account: string, name: string): string {
  return `arn:aws:sns:${region}:${account}:${name}`;
}
