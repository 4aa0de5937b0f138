/**
 * fleetrun benchmarks: a real server process and real agent processes on loopback, driven by
 * the AWS SDK. Prints latencies and throughput and checks them against the targets below; exits
 * non-zero when a target is missed. Usage: npm run bench [-- --agents 20 --commands 50]
 */
import { DescribeInstanceInformationCommand } from "@aws-sdk/client-ssm";
import { send, waitCommand } from "../test/support/commands.ts";
import { Fleet } from "../test/support/fleet.ts";

/** Targets on the 2-core reference machine. */
const TARGETS = {
  /** SendCommand round trip, p50, ms. */
  sendP50Ms: 25,
  /** DescribeInstanceInformation round trip, p50, ms. */
  describeP50Ms: 25,
  /** One `true` on every agent, from SendCommand to command Success, p50, ms. */
  fanOutP50Ms: 1000,
};

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time<T>(fn: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const agents = arg("agents", 10);
const commands = arg("commands", 30);
process.stdout.write(`fleetrun bench: ${agents} agents, ${commands} commands\n`);
const fleet = await Fleet.start({ heartbeatSeconds: 20 });
try {
  const activation = await fleet.createActivation(agents);
  for (let i = 0; i < agents; i += 5) {
    await Promise.all(
      Array.from({ length: Math.min(5, agents - i) }, (_, j) => fleet.addAgent(`b${i + j}`, activation)),
    );
    process.stdout.write(`\r  agents online: ${Math.min(agents, i + 5)}/${agents}`);
  }
  process.stdout.write("\n");
  const ids = fleet.agents.map((a) => a.instanceId);

  const describe: number[] = [];
  for (let i = 0; i < 100; i++)
    describe.push(await time(() => fleet.ssm.send(new DescribeInstanceInformationCommand({}))));

  const sends: number[] = [];
  const fanOut: number[] = [];
  for (let i = 0; i < commands; i++) {
    const start = performance.now();
    let commandId = "";
    sends.push(
      await time(async () => {
        commandId = await send(fleet.ssm, { InstanceIds: ids, commands: ["true"] });
      }),
    );
    await waitCommand(fleet.ssm, commandId, 60_000);
    fanOut.push(performance.now() - start);
    process.stdout.write(`\r  commands done: ${i + 1}/${commands}`);
  }
  process.stdout.write("\n");

  const rows = [
    ["SendCommand p50 / p99 (ms)", percentile(sends, 50), percentile(sends, 99), TARGETS.sendP50Ms],
    [
      "DescribeInstanceInformation p50 / p99 (ms)",
      percentile(describe, 50),
      percentile(describe, 99),
      TARGETS.describeP50Ms,
    ],
    [
      `command on ${agents} nodes, send → Success p50 / p99 (ms)`,
      percentile(fanOut, 50),
      percentile(fanOut, 99),
      TARGETS.fanOutP50Ms,
    ],
  ] as const;
  let missed = 0;
  for (const [name, p50, p99, target] of rows) {
    const ok = p50 <= target;
    if (!ok) missed++;
    process.stdout.write(
      `${ok ? "ok  " : "MISS"} ${name}: ${p50.toFixed(1)} / ${p99.toFixed(1)} (target p50 ≤ ${target})\n`,
    );
  }
  process.exitCode = missed > 0 ? 1 : 0;
} finally {
  await fleet.stop();
}
