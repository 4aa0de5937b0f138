import { IamError } from "../../core/identity/iam-error.ts";

/** A decoded Query-protocol value: a string, a list (`X.member.N`) or a structure (`X.Field`). */
export type QueryValue = string | QueryValue[] | { [member: string]: QueryValue };

/** A decoded AWS Query request: the `Action`, the `Version` and the other parameters, nested. */
export interface QueryRequest {
  action: string;
  version: string;
  params: Record<string, QueryValue>;
}

type Node = { value?: string; children: Map<string, Node> };

/**
 * Decodes an `application/x-www-form-urlencoded` Query body. Dotted names nest
 * (`PermissionsBoundary.Type`); `X.member.N` becomes the N-th (1-based, ordered by N) element of
 * list X, so `Tags.member.1.Key=a&Tags.member.1.Value=b` is `{Tags: [{Key: "a", Value: "b"}]}`.
 * An empty list is sent as `X=` and decodes to `""`.
 * @throws IamError ValidationError when a name is both a value and a structure, or malformed.
 */
export function parseQueryBody(body: Buffer | string): QueryRequest {
  const form = new URLSearchParams(typeof body === "string" ? body : body.toString("utf8"));
  let action = "";
  let version = "";
  const root: Node = { children: new Map() };
  for (const [name, value] of form) {
    if (name === "Action") action = value;
    else if (name === "Version") version = value;
    else insert(root, name, value);
  }
  const params: Record<string, QueryValue> = {};
  for (const [name, child] of root.children) params[name] = decode(child, name);
  return { action, version, params };
}

function insert(root: Node, name: string, value: string): void {
  const segments = name.split(".");
  if (segments.some((s) => s === "")) throw malformed(name);
  let node = root;
  for (const segment of segments) {
    let child = node.children.get(segment);
    if (!child) {
      child = { children: new Map() };
      node.children.set(segment, child);
    }
    node = child;
  }
  node.value = value;
}

function decode(node: Node, name: string): QueryValue {
  if (node.children.size === 0) return node.value ?? "";
  if (node.value !== undefined && node.value !== "") throw malformed(name);
  const members = node.children.get("member");
  if (members && node.children.size === 1) {
    const items: Array<[number, QueryValue]> = [];
    for (const [index, item] of members.children) {
      const n = Number(index);
      if (!/^[1-9][0-9]{0,5}$/.test(index)) throw malformed(`${name}.member.${index}`);
      items.push([n, decode(item, `${name}.member.${index}`)]);
    }
    if (members.value !== undefined) throw malformed(`${name}.member`);
    return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
  const out: Record<string, QueryValue> = {};
  for (const [member, child] of node.children) out[member] = decode(child, `${name}.${member}`);
  return out;
}

function malformed(name: string): IamError {
  return new IamError("ValidationError", `Malformed query parameter name: ${name}`);
}
