import { SsmError } from "../../protocol/errors.ts";

/** What the aws CLI shorthand syntax parses to: strings, lists and maps of them. */
export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

/** A shorthand expression: `key=value,key2=[a,b],key3={k=v}`. */
export type ShorthandMap = { [key: string]: ShorthandValue };

const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
const SINGLE_QUOTED = /^'(?:\\\\|\\'|[^'])*'/;
const DOUBLE_QUOTED = /^"(?:\\\\|\\"|[^"])*"/;
// The aws CLI's character classes: a first value may hold `=` and spaces (`commands=echo a=b`);
// a further comma-separated value may not hold `=`, which is how `a=x,y,b=z` finds key `b`.
const FIRST_VALUE = /^(?:\\,|[!#-&(-+\--<>-Z\\-z|-\uffff])(?:\\,|[\s!#-&(-+\--\\^-|~-\uffff])*/u;
const SECOND_VALUE = /^(?:\\,|[!#-&(-+\--<>-Z\\-z|-\uffff])(?:\\,|[\s!#-&(-+\--<>-\uffff])*/u;

/** Thrown inside the parser; carries what was expected where, for the message. */
class ParseFailure extends Error {
  readonly index: number;
  constructor(expected: string, actual: string, index: number) {
    super(`expected ${expected}, found ${actual}`);
    this.index = index;
  }
}

/**
 * Parses the aws CLI "shorthand syntax" exactly as `aws` does (awscli/shorthand.py): `a=b` is a
 * string, `a=b,c` a list, `a=[b,c]` an explicit list, `a={k=v}` a map, and values may be `'single'`
 * or `"double"` quoted (`\,` escapes a comma in an unquoted value). `flag` names the option in the
 * error: a `ValidationException` that shows the input with a caret under the problem and `hint`.
 */
export function parseShorthand(text: string, flag: string, hint = "Key=Value,Key2=Value2"): ShorthandMap {
  try {
    return new Parser(text).parameter();
  } catch (error) {
    if (!(error instanceof ParseFailure)) throw error;
    const line = text.slice(0, error.index).lastIndexOf("\n");
    const caret = `${" ".repeat(error.index - line - 1)}^`;
    throw new SsmError(
      "ValidationException",
      `${flag}: ${error.message} at position ${error.index + 1}:\n  ${text}\n  ${caret}\nexpected the form ${hint}`,
    );
  }
}

class Parser {
  readonly #text: string;
  #index = 0;

  constructor(text: string) {
    this.#text = text;
  }

  /** parameter = keyval *("," keyval) */
  parameter(): ShorthandMap {
    const params: ShorthandMap = {};
    this.#keyval(params);
    while (!this.#eof()) {
      this.#expect(",", true);
      this.#keyval(params);
    }
    return params;
  }

  #keyval(into: ShorthandMap): void {
    const at = this.#index;
    const key = this.#key();
    this.#expect("=", true);
    if (Object.hasOwn(into, key)) throw new ParseFailure("each key once", `a second "${key}"`, at);
    into[key] = this.#values();
  }

  #key(): string {
    const start = this.#index;
    while (!this.#eof() && KEY_CHARS.test(this.#current())) this.#index++;
    if (this.#index === start) throw new ParseFailure("a key", this.#shown(), start);
    return this.#text.slice(start, this.#index);
  }

  #values(): ShorthandValue {
    if (this.#eof()) return "";
    if (this.#current() === "[") return this.#explicitList();
    if (this.#current() === "{") return this.#hashLiteral();
    return this.#csvValue();
  }

  /** `a=b` → "b"; `a=b,c` → ["b","c"]; `a=b,c=d` backtracks before `c`. */
  #csvValue(): ShorthandValue {
    const first = this.#firstValue();
    this.#skipSpace();
    if (this.#eof() || this.#current() !== ",") return first;
    const list: string[] = [first];
    let commaAt = this.#index;
    this.#expect(",", true);
    for (;;) {
      const value = this.#secondValue();
      if (value === undefined) {
        this.#index = commaAt;
        break;
      }
      this.#skipSpace();
      if (this.#eof()) {
        list.push(value);
        break;
      }
      if (this.#current() !== ",") {
        this.#index = commaAt;
        break;
      }
      list.push(value);
      commaAt = this.#index;
      this.#expect(",", true);
    }
    return list.length === 1 ? first : list;
  }

  #explicitList(): ShorthandValue[] {
    this.#expect("[", true);
    const values: ShorthandValue[] = [];
    while (this.#current() !== "]") {
      if (this.#eof()) throw new ParseFailure("']'", "the end of the input", this.#index);
      values.push(this.#explicitValue());
      this.#skipSpace();
      if (this.#current() !== "]") this.#expect(",", true);
    }
    this.#expect("]");
    return values;
  }

  #hashLiteral(): ShorthandMap {
    this.#expect("{", true);
    const map: ShorthandMap = {};
    while (this.#current() !== "}") {
      if (this.#eof()) throw new ParseFailure("'}'", "the end of the input", this.#index);
      const key = this.#key();
      this.#expect("=", true);
      map[key] = this.#explicitValue();
      this.#skipSpace();
      if (this.#current() !== "}") this.#expect(",", true);
    }
    this.#expect("}");
    return map;
  }

  #explicitValue(): ShorthandValue {
    if (this.#current() === "[") return this.#explicitList();
    if (this.#current() === "{") return this.#hashLiteral();
    return this.#firstValue();
  }

  #firstValue(): string {
    const quoted = this.#quoted();
    if (quoted !== undefined) return quoted;
    const match = FIRST_VALUE.exec(this.#text.slice(this.#index));
    if (!match) return "";
    this.#index += match[0].length;
    return match[0].replaceAll("\\,", ",").trimEnd();
  }

  /** A further csv value, or undefined when the text there is not one (e.g. the next `key=`). */
  #secondValue(): string | undefined {
    const quoted = this.#quoted();
    if (quoted !== undefined) return quoted;
    const match = SECOND_VALUE.exec(this.#text.slice(this.#index));
    if (!match) return undefined;
    this.#index += match[0].length;
    return match[0].replaceAll("\\,", ",").trimEnd();
  }

  #quoted(): string | undefined {
    const quote = this.#current();
    if (quote !== "'" && quote !== '"') return undefined;
    const match = (quote === "'" ? SINGLE_QUOTED : DOUBLE_QUOTED).exec(this.#text.slice(this.#index));
    if (!match) throw new ParseFailure(`a closing ${quote}`, "the end of the input", this.#index);
    this.#index += match[0].length;
    return match[0].slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll("\\\\", "\\");
  }

  #expect(char: string, skipSpace = false): void {
    if (skipSpace) this.#skipSpace();
    if (this.#eof()) throw new ParseFailure(`'${char}'`, "the end of the input", this.#index);
    if (this.#current() !== char) throw new ParseFailure(`'${char}'`, this.#shown(), this.#index);
    this.#index++;
    if (skipSpace) this.#skipSpace();
  }

  #skipSpace(): void {
    while (!this.#eof() && /\s/.test(this.#current())) this.#index++;
  }

  #current(): string {
    return this.#text.charAt(this.#index);
  }

  #shown(): string {
    return this.#eof() ? "the end of the input" : `'${this.#current()}'`;
  }

  #eof(): boolean {
    return this.#index >= this.#text.length;
  }
}
