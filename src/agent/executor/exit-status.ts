import type { StepStatus } from "./types.ts";

/** Exit code that marks the step a success and skips the remaining steps. */
export const EXIT_SUCCESS_AND_SKIP = 168;
/** Exit code that marks the step failed and skips the remaining steps. */
export const EXIT_FAILED_AND_SKIP = 169;
/** Exit code asking for a reboot (not supported yet). */
export const EXIT_REBOOT = 194;
/** Response code reported after the executor killed a step (timeout or cancel). */
export const KILLED_RESPONSE_CODE = 137;

/** How an exit code maps onto a step status. */
export interface ExitStatus {
  status: StepStatus;
  skipRemaining: boolean;
  message?: string;
}

/** Maps a script's exit code onto the step status (SSM agent `GetStatus` rules). */
export function statusForExitCode(code: number): ExitStatus {
  switch (code) {
    case 0:
      return { status: "Success", skipRemaining: false };
    case EXIT_SUCCESS_AND_SKIP:
      return { status: "Success", skipRemaining: true };
    case EXIT_FAILED_AND_SKIP:
      return { status: "Failed", skipRemaining: true };
    case EXIT_REBOOT:
      return {
        status: "Failed",
        skipRemaining: false,
        message: "reboot requested (exit 194) but rebooting is not enabled on this agent",
      };
    default:
      return { status: "Failed", skipRemaining: false };
  }
}
