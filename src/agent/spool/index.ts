/**
 * The agent's spool: durable state of the invocations received by this node, so a restart never
 * runs anything twice and results survive a lost connection until the server acknowledges them.
 */
export { Spool, type SpooledInvocation, type SpoolState } from "./spool.ts";
