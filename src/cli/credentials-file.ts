import { readFile } from "node:fs/promises";

/** Reads one profile of an AWS shared-credentials file. */
export async function readCredentials(
  path: string,
  profile = "default",
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const text = await readFile(path, "utf8");
  let current = "";
  const values: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const section = line.match(/^\s*\[([^\]]+)\]/);
    if (section?.[1]) current = section[1].trim();
    const kv = line.match(/^\s*([a-z_]+)\s*=\s*(.*?)\s*$/);
    if (kv?.[1] && kv[2] !== undefined && current === profile) values[kv[1]] = kv[2];
  }
  const accessKeyId = values.aws_access_key_id;
  const secretAccessKey = values.aws_secret_access_key;
  if (!accessKeyId || !secretAccessKey) throw new Error(`${path} has no complete [${profile}] profile`);
  return { accessKeyId, secretAccessKey };
}
