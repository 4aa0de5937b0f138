/**
 * Removes every object member whose value is JSON `null`, at any depth, in place. Run after
 * validation, which treats a null member as absent (as AWS does) and rejects null list elements
 * and map values, so what remains has the operation's input type with absent members left out.
 */
export function dropNulls(value: unknown): void {
  if (Array.isArray(value)) {
    for (const element of value) dropNulls(element);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, member] of Object.entries(value)) {
      if (member === null) Reflect.deleteProperty(value, key);
      else dropNulls(member);
    }
  }
}
