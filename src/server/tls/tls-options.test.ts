import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { compileServerOptions } from "../server-options.ts";
import { isLoopbackHost } from "./loopback.ts";

describe("TLS server options", () => {
  test("plain HTTP on loopback is the default", () => {
    assert.deepEqual(compileServerOptions({ listen: "127.0.0.1:0" }).tls, { kind: "none" });
    assert.deepEqual(compileServerOptions({ listen: "[::1]:0" }).tls, { kind: "none" });
    assert.deepEqual(compileServerOptions({ listen: "localhost:0" }).tls, { kind: "none" });
  });

  test("plain HTTP on another address is refused unless explicitly allowed", () => {
    assert.throws(
      () => compileServerOptions({ listen: "0.0.0.0:0" }),
      /refusing to serve plain HTTP on 0\.0\.0\.0.*--tls auto.*--allow-plain-http/,
    );
    assert.throws(() => compileServerOptions({ listen: "10.0.0.5:8080" }), /refusing to serve plain HTTP/);
    assert.equal(compileServerOptions({ listen: "0.0.0.0:0", allowPlainHttp: true }).allowPlainHttp, true);
  });

  test("--tls auto and --tls-cert/--tls-key serve any address", () => {
    assert.deepEqual(compileServerOptions({ listen: "0.0.0.0:0", tls: "auto", tlsSans: ["fleet.example.com"] }).tls, {
      kind: "auto",
      extraNames: ["fleet.example.com"],
    });
    const files = compileServerOptions({ listen: "0.0.0.0:0", tlsCert: "/etc/c.pem", tlsKey: "/etc/k.pem" }).tls;
    assert.deepEqual(files, { kind: "files", certFile: "/etc/c.pem", keyFile: "/etc/k.pem" });
  });

  test("inconsistent TLS flags are refused with a message naming them", () => {
    assert.throws(() => compileServerOptions({ tls: "on" }), /tls.*"auto"/);
    assert.throws(() => compileServerOptions({ tlsCert: "/c.pem" }), /--tls-cert and --tls-key go together/);
    assert.throws(() => compileServerOptions({ tls: "auto", tlsCert: "/c", tlsKey: "/k" }), /either --tls auto or/);
    assert.throws(() => compileServerOptions({ tlsSans: ["a.example.com"] }), /--tls-san applies to --tls auto/);
    assert.throws(() => compileServerOptions({ tls: "auto", tlsSans: ["bad name,x"] }), /DNS names or IP addresses/);
  });

  test("loopback means 127.0.0.0/8, ::1 and localhost only", () => {
    for (const host of ["127.0.0.1", "127.9.9.9", "::1", "[::1]", "localhost", "::ffff:127.0.0.1"]) {
      assert.equal(isLoopbackHost(host), true, host);
    }
    for (const host of ["0.0.0.0", "::", "10.0.0.1", "128.0.0.1", "example.com", "localhost.example.com"]) {
      assert.equal(isLoopbackHost(host), false, host);
    }
  });
});
