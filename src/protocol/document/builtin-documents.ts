/**
 * The AWS-owned Command documents fleetrun ships. Their content is the text AWS returns from
 * GetDocument (4-space indented JSON, no space after colons, trailing newline), so the hash and
 * what `aws ssm get-document` prints match what users know.
 */

/** A built-in document: name, exact content text, type and the platforms it reports. */
export interface BuiltinDocument {
  readonly name: string;
  readonly content: string;
  readonly documentType: "Command";
  readonly platformTypes: readonly ("Linux" | "MacOS" | "Windows")[];
}

const RUN_SHELL_SCRIPT = `{
    "schemaVersion":"1.2",
    "description":"Run a shell script or specify the commands to run.",
    "parameters":{
        "commands":{
            "type":"StringList",
            "description":"(Required) Specify a shell script or a command to run.",
            "minItems":1,
            "displayType":"textarea"
        },
        "workingDirectory":{
            "type":"String",
            "default":"",
            "description":"(Optional) The path to the working directory on your instance.",
            "maxChars":4096
        },
        "executionTimeout":{
            "type":"String",
            "default":"3600",
            "description":"(Optional) The time in seconds for a command to complete before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).",
            "allowedPattern":"([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)"
        }
    },
    "runtimeConfig":{
        "aws:runShellScript":{
            "properties":[
                {
                    "id":"0.aws:runShellScript",
                    "runCommand":"{{ commands }}",
                    "workingDirectory":"{{ workingDirectory }}",
                    "timeoutSeconds":"{{ executionTimeout }}"
                }
            ]
        }
    }
}
`;

const RUN_POWERSHELL_SCRIPT = `{
    "schemaVersion":"1.2",
    "description":"Run a PowerShell script or specify the paths to scripts to run.",
    "parameters":{
        "commands":{
            "type":"StringList",
            "description":"(Required) Specify the commands to run or the paths to existing scripts on the instance.",
            "minItems":1,
            "displayType":"textarea"
        },
        "workingDirectory":{
            "type":"String",
            "default":"",
            "description":"(Optional) The path to the working directory on your instance.",
            "maxChars":4096
        },
        "executionTimeout":{
            "type":"String",
            "default":"3600",
            "description":"(Optional) The time in seconds for a command to be completed before it is considered to have failed. Default is 3600 (1 hour). Maximum is 172800 (48 hours).",
            "allowedPattern":"([1-9][0-9]{0,4})|(1[0-6][0-9]{4})|(17[0-1][0-9]{3})|(172[0-7][0-9]{2})|(172800)"
        }
    },
    "runtimeConfig":{
        "aws:runPowerShellScript":{
            "properties":[
                {
                    "id":"0.aws:runPowerShellScript",
                    "runCommand":"{{ commands }}",
                    "workingDirectory":"{{ workingDirectory }}",
                    "timeoutSeconds":"{{ executionTimeout }}"
                }
            ]
        }
    }
}
`;

/** AWS-RunShellScript and AWS-RunPowerShellScript, frozen. */
export const BUILTIN_DOCUMENTS: ReadonlyArray<BuiltinDocument> = Object.freeze([
  Object.freeze({
    name: "AWS-RunShellScript",
    content: RUN_SHELL_SCRIPT,
    documentType: "Command",
    platformTypes: Object.freeze(["Linux", "MacOS"] as const),
  }),
  Object.freeze({
    name: "AWS-RunPowerShellScript",
    content: RUN_POWERSHELL_SCRIPT,
    documentType: "Command",
    platformTypes: Object.freeze(["Windows", "Linux", "MacOS"] as const),
  }),
]);
