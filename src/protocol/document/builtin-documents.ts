/**
 * The read-only Command documents fleetrun ships (Owner `Amazon`). AWS-RunShellScript and
 * AWS-RunPowerShellScript are the text AWS returns from GetDocument (4-space indented JSON, no
 * space after colons, trailing newline), so the hash and what `aws ssm get-document` prints match
 * what users know. AWS-RunDocument has AWS's shape; the `Fleetrun-` documents are fleetrun's own.
 * Every one passes `validateDocument` without warnings.
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

const RUN_DOCUMENT = `{
    "schemaVersion":"2.2",
    "description":"Execute composite or nested Systems Manager documents (SSM documents) stored in a remote location. fleetrun runs documents stored in Systems Manager (sourceType SSMDocument) only; the GitHub and S3 source types fail on fleetrun nodes. The following SSM document types are supported: JSON and YAML.",
    "parameters":{
        "sourceType":{
            "description":"(Required) Specify the source type. fleetrun supports SSMDocument only.",
            "type":"String",
            "allowedValues":[
                "GitHub",
                "S3",
                "SSMDocument"
            ]
        },
        "sourceInfo":{
            "description":"(Required) Specify the information required to access the resource from the source. If source type is SSMDocument, then you can specify 'name' and 'version' (e.g. {\\"name\\":\\"MyDocument\\",\\"version\\":\\"2\\"}). If source type is GitHub or S3 (not supported by fleetrun), then AWS accepts 'owner', 'repository', 'path', 'getOptions', 'tokenInfo' or 'path'.",
            "type":"StringMap",
            "displayType":"textarea"
        },
        "documentParameters":{
            "description":"(Optional) Parameters to be passed to the SSM document that will be executed.",
            "type":"StringMap",
            "displayType":"textarea",
            "default":{}
        }
    },
    "mainSteps":[
        {
            "action":"aws:downloadContent",
            "name":"downloadContent",
            "inputs":{
                "sourceType":"{{ sourceType }}",
                "sourceInfo":"{{ sourceInfo }}",
                "destinationPath":"runDocument"
            }
        },
        {
            "action":"aws:runDocument",
            "name":"runDocument",
            "inputs":{
                "documentType":"LocalPath",
                "documentPath":"runDocument",
                "documentParameters":"{{ documentParameters }}"
            }
        }
    ]
}
`;

const RESTART_SERVICE = `schemaVersion: "2.2"
description: >-
  Restart a systemd service and show its status. The step succeeds when the service is active
  after the restart. The service name is allow-listed by a pattern and reaches the script only as
  the environment variable SSM_serviceName, never as script text.
parameters:
  serviceName:
    type: String
    description: (Required) The systemd unit to restart, for example nginx or ssh.service.
    allowedPattern: "^[a-zA-Z0-9@._-]{1,128}$"
    interpolationType: ENV_VAR
mainSteps:
  - action: aws:runShellScript
    name: restartService
    precondition:
      StringEquals:
        - platformType
        - Linux
    inputs:
      timeoutSeconds: "300"
      runCommand:
        - systemctl restart -- "$SSM_serviceName"
        - systemctl --no-pager --lines=20 status -- "$SSM_serviceName" || true
        - systemctl is-active --quiet -- "$SSM_serviceName"
`;

const DISK_USAGE_REPORT = `schemaVersion: "2.2"
description: >-
  Report disk usage: every mounted file system (df -h), then the largest directories directly
  under a path, on the same file system.
parameters:
  path:
    type: String
    description: (Optional) The absolute path whose largest subdirectories are listed.
    default: /
    allowedPattern: "^/[a-zA-Z0-9@._/+-]{0,1023}$"
    interpolationType: ENV_VAR
  top:
    type: String
    description: (Optional) How many directories to list, from 1 to 999.
    default: "10"
    allowedPattern: "^[1-9][0-9]{0,2}$"
    interpolationType: ENV_VAR
mainSteps:
  - action: aws:runShellScript
    name: fileSystems
    inputs:
      runCommand:
        - df -h
  - action: aws:runShellScript
    name: largestDirectories
    inputs:
      timeoutSeconds: "900"
      runCommand:
        - du -x -h -d 1 -- "$SSM_path" 2>/dev/null | sort -h -r | head -n "$SSM_top"
`;

const builtin = (name: string, content: string, platformTypes: BuiltinDocument["platformTypes"]): BuiltinDocument =>
  Object.freeze({ name, content, documentType: "Command", platformTypes: Object.freeze([...platformTypes]) });

/** The built-in documents, frozen: AWS's first, then fleetrun's own. */
export const BUILTIN_DOCUMENTS: ReadonlyArray<BuiltinDocument> = Object.freeze([
  builtin("AWS-RunShellScript", RUN_SHELL_SCRIPT, ["Linux", "MacOS"]),
  builtin("AWS-RunPowerShellScript", RUN_POWERSHELL_SCRIPT, ["Windows", "Linux", "MacOS"]),
  builtin("AWS-RunDocument", RUN_DOCUMENT, ["Windows", "Linux", "MacOS"]),
  builtin("Fleetrun-RestartService", RESTART_SERVICE, ["Linux", "MacOS"]),
  builtin("Fleetrun-DiskUsageReport", DISK_USAGE_REPORT, ["Linux", "MacOS"]),
]);
