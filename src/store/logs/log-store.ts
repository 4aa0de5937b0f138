/**
 * Stored log events of CloudWatchOutputConfig output: log groups hold log streams, a stream holds
 * events (timestamp, message) in the order they were written.
 */

/** One log event. Times are epoch milliseconds. */
export interface LogEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  /**
   * Byte offset of the line in its step stream: an event at or before the stream's last stored
   * offset is a repeat (re-sent output) and is dropped. Absent: always appended.
   */
  offset?: number;
}

/** A log group. */
export interface LogGroupInfo {
  logGroupName: string;
  creationTime: number;
  storedBytes: number;
}

/** A log stream. */
export interface LogStreamInfo {
  logStreamName: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
}

/** Where log events live (files under the data dir by default). */
export interface LogStore {
  /** Appends events to a stream, creating the group and stream as needed. */
  append(group: string, stream: string, events: readonly LogEvent[]): Promise<void>;
  /** Groups whose name starts with `prefix`, ordered by name. */
  groups(prefix?: string): Promise<LogGroupInfo[]>;
  /** Streams of a group whose name starts with `prefix`, ordered by name; undefined: no such group. */
  streams(group: string, prefix?: string): Promise<LogStreamInfo[] | undefined>;
  /** A stream's events in write order; undefined: no such group or stream. */
  events(group: string, stream: string): Promise<LogEvent[] | undefined>;
}
