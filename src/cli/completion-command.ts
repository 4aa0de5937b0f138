import type { Command } from "commander";
import { SsmError } from "../protocol/errors.ts";
import { bashCompletion } from "./completion/bash-completion.ts";
import { completionEntries } from "./completion/command-tree.ts";
import { zshCompletion } from "./completion/zsh-completion.ts";

/**
 * `fleetrun completion bash|zsh`: prints a completion script made from the program's own command
 * tree, so every subcommand and flag registered on it is covered.
 */
export function completionCommand(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script: source <(fleetrun completion bash)")
    .argument("<shell>", "bash or zsh")
    .action((shell: string) => {
      const entries = completionEntries(program);
      if (shell === "bash") process.stdout.write(bashCompletion(program.name(), entries));
      else if (shell === "zsh") process.stdout.write(zshCompletion(program.name(), entries));
      else throw new SsmError("ValidationException", `completion: unknown shell "${shell}" (bash or zsh)`);
    });
}
