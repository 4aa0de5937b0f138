import assert from "node:assert/strict";
import { test } from "node:test";
import { SsmError } from "../../protocol/errors.ts";
import { parseShorthand } from "./shorthand-parser.ts";

const parse = (text: string) => parseShorthand(text, "--x");

test("a=b is a string, a=b,c a list, and a later key=value starts a new key", () => {
  assert.deepEqual(parse("a=b"), { a: "b" });
  assert.deepEqual(parse("a=b,c"), { a: ["b", "c"] });
  assert.deepEqual(parse("Key=tag:Role,Values=web,db"), { Key: "tag:Role", Values: ["web", "db"] });
  assert.deepEqual(parse("a=x,y,b=z"), { a: ["x", "y"], b: "z" });
});

test("values keep spaces and '=' and may be empty", () => {
  assert.deepEqual(parse("Key=tag:Operating System,Values=Windows Server 2016 Nano"), {
    Key: "tag:Operating System",
    Values: "Windows Server 2016 Nano",
  });
  assert.deepEqual(parse("commands=echo a=b"), { commands: "echo a=b" });
  assert.deepEqual(parse("a="), { a: "" });
});

test("explicit lists, maps and quoted values", () => {
  assert.deepEqual(parse('commands=["echo hi","ls"]'), { commands: ["echo hi", "ls"] });
  assert.deepEqual(parse("a=[x, y ]"), { a: ["x", "y"] });
  assert.deepEqual(parse("a={k=v,l=[1,2]}"), { a: { k: "v", l: ["1", "2"] } });
  assert.deepEqual(parse(`a='don\\'t, stop'`), { a: "don't, stop" });
  assert.deepEqual(parse(`a="say \\"hi\\", twice"`), { a: 'say "hi", twice' });
  assert.deepEqual(parse("a=x\\,y"), { a: "x,y" }, "an escaped comma stays in the value");
});

test("errors name the flag, show a caret under the problem and the expected form", () => {
  const cases: Array<[string, RegExp]> = [
    ["commands", /--x: expected '=', found the end of the input at position 9/],
    ["=x", /--x: expected a key, found '=' at position 1/],
    ['a="open', /expected a closing "/],
    ["a=[x,y", /expected ',', found the end of the input|expected '\]'/],
    ["a=1,a=2", /each key once/],
    ["a='x''y'", /expected ',', found ''' at position 6/],
  ];
  for (const [text, message] of cases) {
    assert.throws(
      () => parseShorthand(text, "--x", "a=b"),
      (error: unknown) => {
        assert.ok(error instanceof SsmError);
        assert.equal(error.code, "ValidationException");
        assert.match(error.message, message);
        assert.match(error.message, /\n {2}\s*\^\n/);
        assert.match(error.message, /expected the form a=b$/);
        return true;
      },
      text,
    );
  }
});
