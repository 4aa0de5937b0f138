/** How much output SSM returns inline (semantics §7.1). The full output is kept elsewhere. */
export const OUTPUT_LIMITS = {
  /** GetCommandInvocation StandardOutputContent: the first 24,000 characters. */
  stdout: 24_000,
  /** GetCommandInvocation StandardErrorContent: the first 8,000 characters. */
  stderr: 8_000,
  /** ListCommandInvocations CommandPlugins[].Output and TraceOutput. */
  details: 2_500,
} as const;
