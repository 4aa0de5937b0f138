import assert from "node:assert/strict";
import { test } from "node:test";
import { cidrContains, parseCidr, parseIp } from "./ip-address.ts";

function inBlock(cidr: string, ip: string): boolean {
  const block = parseCidr(cidr);
  const addr = parseIp(ip);
  assert.ok(block, `block ${cidr}`);
  assert.ok(addr, `address ${ip}`);
  return cidrContains(block, addr);
}

test("IPv4 CIDR blocks", () => {
  assert.ok(inBlock("203.0.113.0/24", "203.0.113.7"));
  assert.ok(!inBlock("203.0.113.0/24", "203.0.114.7"));
  assert.ok(inBlock("10.0.0.0/8", "10.255.255.255"));
  assert.ok(inBlock("0.0.0.0/0", "8.8.8.8"));
  assert.ok(inBlock("192.0.2.5", "192.0.2.5"), "a bare address is a /32");
  assert.ok(!inBlock("192.0.2.5", "192.0.2.6"));
  assert.ok(inBlock("203.0.113.99/24", "203.0.113.1"), "host bits in the policy are ignored");
});

test("IPv6 CIDR blocks, including :: shorthand and embedded IPv4", () => {
  assert.ok(inBlock("2001:db8::/32", "2001:db8:1234::1"));
  assert.ok(inBlock("2001:DB8::/32", "2001:0db8:0000:0000:0000:0000:0000:0001"));
  assert.ok(!inBlock("2001:db8::/32", "2001:db9::1"));
  assert.ok(inBlock("::1", "::1"));
  assert.ok(!inBlock("::1", "::2"));
  assert.ok(inBlock("64:ff9b::/96", "64:ff9b::192.0.2.33"));
  assert.ok(inBlock("::/0", "fe80::1"));
});

test("an IPv4-mapped IPv6 address (dual-stack socket) matches IPv4 blocks", () => {
  assert.ok(inBlock("127.0.0.0/8", "::ffff:127.0.0.1"));
  assert.ok(inBlock("203.0.113.0/24", "::FFFF:203.0.113.9"));
});

test("IPv4 addresses never match IPv6 blocks and vice versa", () => {
  assert.ok(!inBlock("::/0", "10.0.0.1"));
  assert.ok(!inBlock("0.0.0.0/0", "2001:db8::1"));
});

test("malformed addresses and blocks are rejected", () => {
  for (const bad of [
    "256.0.0.1",
    "1.2.3",
    "1.2.3.4.5",
    "a.b.c.d",
    "",
    "1::2::3",
    "12345::",
    "1:2:3:4:5:6:7:8:9",
    "fe80::1%eth0",
    "1.2.3.4::",
  ])
    assert.equal(parseIp(bad), undefined, bad);
  for (const bad of ["10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::/129", "nope/8"])
    assert.equal(parseCidr(bad), undefined, bad);
  assert.ok(parseIp("1:2:3:4:5:6:7:8"));
  assert.ok(parseIp("::"));
});
