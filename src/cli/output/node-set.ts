/**
 * Folds node ids into ClusterShell's compact node-set notation: ids that differ only in their
 * trailing digits become one `prefix[1-3,7]` (zero padding kept); others stay as they are.
 * `mi-00000000000000001` … `mi-00000000000000003` → `mi-0000000000000000[1-3]`.
 */
export function foldNodeSet(ids: readonly string[]): string {
  const groups = new Map<string, string[]>();
  for (const id of [...new Set(ids)].sort()) {
    const match = /^(.*?)(\d+)$/.exec(id);
    const key = match ? `${match[1]}\u0000${match[2]?.length}` : `\u0001${id}`;
    groups.set(key, [...(groups.get(key) ?? []), id]);
  }
  const parts: string[] = [];
  for (const members of groups.values()) {
    if (members.length === 1) {
      parts.push(members[0] ?? "");
      continue;
    }
    const first = members[0] ?? "";
    const digitsAt = first.length - (/\d+$/.exec(first)?.[0].length ?? 0);
    // The varying tail: from the first digit where members differ (at most 9 digits, so it is a safe number).
    let common = commonPrefixLength(members);
    common = Math.max(digitsAt, Math.min(common, first.length - 1), first.length - 9);
    const prefix = first.slice(0, common);
    const width = first.length - common;
    const numbers = members.map((m) => Number(m.slice(common))).sort((a, b) => a - b);
    parts.push(`${prefix}[${ranges(numbers, width)}]`);
  }
  return parts.sort().join(",");
}

/** Like {@link foldNodeSet}, with at most `max` entries shown and the rest counted. */
export function foldNodeSetShort(ids: readonly string[], max: number): string {
  const parts = foldNodeSet(ids).split(",");
  if (parts.length <= max) return parts.join(",");
  return `${parts.slice(0, max).join(",")},… (+${parts.length - max} more)`;
}

function commonPrefixLength(values: readonly string[]): number {
  const first = values[0] ?? "";
  let n = first.length;
  for (const value of values) {
    let i = 0;
    while (i < n && value[i] === first[i]) i++;
    n = i;
  }
  return n;
}

function ranges(numbers: number[], width: number): string {
  const out: string[] = [];
  let start = numbers[0] ?? 0;
  let end = start;
  for (const n of numbers.slice(1)) {
    if (n === end + 1) {
      end = n;
      continue;
    }
    out.push(span(start, end, width));
    start = n;
    end = n;
  }
  out.push(span(start, end, width));
  return out.join(",");
}

function span(start: number, end: number, width: number): string {
  const pad = (n: number) => String(n).padStart(width, "0");
  return start === end ? pad(start) : `${pad(start)}-${pad(end)}`;
}
