import { refusal } from "../output/command-stream.ts";
import { type Credentials, signedFetch } from "../output/signed-fetch.ts";

/** A log event as GetLogEvents/FilterLogEvents return it. */
export interface LogEventView {
  logStreamName?: string;
  timestamp: number;
  message: string;
  ingestionTime?: number;
  eventId?: string;
}

/**
 * A minimal CloudWatch Logs client (JSON 1.1, `X-Amz-Target: Logs_20140328.<Operation>`, SigV4
 * service `logs`) for the operations fleetrun serves.
 */
export class LogsClient {
  readonly #endpoint: URL;
  readonly #region: string;
  readonly #credentials: Credentials;

  constructor(endpoint: string, region: string, credentials: Credentials) {
    this.#endpoint = new URL("/", endpoint);
    this.#region = region;
    this.#credentials = credentials;
  }

  /** Calls one operation; throws `ServiceRefusal` with the service's error code on refusal. */
  async call<T>(operation: string, input: Record<string, unknown>): Promise<T> {
    const response = await signedFetch(this.#endpoint, {
      method: "POST",
      service: "logs",
      region: this.#region,
      credentials: this.#credentials,
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": `Logs_20140328.${operation}` },
      body: JSON.stringify(input),
    });
    if (!response.ok) throw await refusal(response, operation);
    return (await response.json()) as T;
  }

  /** A stream's events from its head, page by page, from the position `token` (all when absent). */
  async streamEvents(
    input: { logGroupName: string; logStreamName: string; startTime?: number; endTime?: number },
    token?: string,
  ): Promise<{ events: LogEventView[]; token: string | undefined }> {
    const events: LogEventView[] = [];
    let current = token;
    for (;;) {
      const page = await this.call<{ events: LogEventView[]; nextForwardToken?: string }>("GetLogEvents", {
        ...input,
        startFromHead: true,
        ...(current ? { nextToken: current } : {}),
      });
      events.push(...page.events.map((e) => ({ ...e, logStreamName: input.logStreamName })));
      // At the end of the stream the forward token comes back unchanged.
      if (page.nextForwardToken === undefined || page.nextForwardToken === current) {
        return { events, token: page.nextForwardToken ?? current };
      }
      current = page.nextForwardToken;
    }
  }

  /** Every event of a group (optionally streams by prefix) in a time range, oldest first. */
  async filterEvents(input: {
    logGroupName: string;
    logStreamNamePrefix?: string;
    startTime?: number;
    endTime?: number;
  }): Promise<LogEventView[]> {
    const events: LogEventView[] = [];
    let token: string | undefined;
    do {
      const page = await this.call<{ events: LogEventView[]; nextToken?: string }>("FilterLogEvents", {
        ...input,
        ...(token ? { nextToken: token } : {}),
      });
      events.push(...page.events);
      token = page.nextToken;
    } while (token);
    return events;
  }
}
