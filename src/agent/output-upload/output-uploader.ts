import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import type { OutputAckMessage } from "../../protocol/agent/messages.ts";
import type { StepStart } from "../plugins/plugin.ts";
import { writeFileAtomic } from "../spool/atomic-file.ts";
import { UploadJob } from "./upload-job.ts";
import { newUploadState, OUTPUT_STREAMS, readUploadState, type StepUpload, UPLOAD_STATE_FILE } from "./upload-state.ts";
import type { UploadTransport } from "./upload-transport.ts";

/** How often files of running steps are checked for new output. */
const POLL_MS = 100;
/** How soon a full socket buffer is looked at again. */
const BUFFER_POLL_MS = 10;
/** Acknowledged offsets are written to disk at most this often (completions at once). */
const SAVE_EVERY_MS = 1000;

/** What the step runner tells the uploads (see `runSteps`). */
export interface StepUploads {
  /** A step starts (`fresh`, `rerun`) or is re-adopted after a restart (`adopt`). */
  begin(step: StepUpload, start: StepStart): Promise<void>;
  /**
   * A step ended: its files are final. A step that ran no process has no files: `output` (what
   * its result reports) is stored as its output instead.
   */
  end(step: StepUpload, output: { stdout: string; stderr: string }): Promise<void>;
}

/**
 * Sends the full stdout/stderr of every step to the server over the agent's connection while the
 * step runs and after it ended, crash-safe and memory-bounded: chunks of at most 64 KiB, at most
 * 1 MiB unacknowledged per step and nothing queued while the socket holds more than 1 MiB. The
 * acknowledged offsets are kept in each step directory (`upload.json`), so after a reconnect or
 * a restart the upload resumes where the server's acks left off.
 */
export class OutputUploader implements StepUploads {
  readonly #stateDir: string;
  readonly #transport: UploadTransport;
  readonly #log: Logger;
  readonly #jobs = new Map<string, UploadJob>();
  readonly #abort = new AbortController();
  readonly #failed = new Set<string>();
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;
  #poked = false;

  constructor(stateDir: string, transport: UploadTransport, log: Logger) {
    this.#stateDir = stateDir;
    this.#transport = transport;
    this.#log = log;
  }

  /** Picks up finished steps whose upload an earlier agent process did not complete, and starts sending. */
  async start(): Promise<void> {
    for (const dir of await this.#stepDirectories()) {
      const state = await readUploadState(dir).catch((error: unknown) => {
        this.#log.warn({ err: error, dir }, "ignoring a damaged upload state");
        return undefined;
      });
      if (state?.final && !(state.done.stdout && state.done.stderr)) {
        this.#jobs.set(keyOf(state), new UploadJob(dir, state));
      }
    }
    this.#loop = this.#run(this.#abort.signal);
  }

  /** Stops sending and records the acknowledged offsets. */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#poke();
    await this.#loop;
    for (const job of this.#jobs.values()) await job.flush();
  }

  async begin(step: StepUpload, start: StepStart): Promise<void> {
    const key = keyOf(step);
    if (start === "adopt") {
      if (this.#jobs.has(key)) return;
      const state = (await readUploadState(step.dir)) ?? newUploadState(step);
      this.#jobs.set(key, new UploadJob(step.dir, state));
    } else {
      // A fresh run (or a re-run after a reboot) starts the objects over from byte 0.
      this.#jobs.delete(key);
      await mkdir(step.dir, { recursive: true });
      for (const stream of OUTPUT_STREAMS) await rm(join(step.dir, stream), { force: true });
      const job = new UploadJob(step.dir, newUploadState(step));
      await job.flush();
      this.#jobs.set(key, job);
    }
    this.#poke();
  }

  async end(step: StepUpload, output: { stdout: string; stderr: string }): Promise<void> {
    const key = keyOf(step);
    await mkdir(step.dir, { recursive: true });
    if (!(await exists(join(step.dir, "stdout"))) && !(await exists(join(step.dir, "stderr")))) {
      await writeFileAtomic(join(step.dir, "stdout"), output.stdout);
      await writeFileAtomic(join(step.dir, "stderr"), output.stderr);
    }
    let job = this.#jobs.get(key);
    if (!job) {
      job = new UploadJob(step.dir, (await readUploadState(step.dir)) ?? newUploadState(step));
      if (!job.finished) this.#jobs.set(key, job);
    }
    job.state.final = true;
    await job.flush();
    this.#poke();
  }

  /** Routes an `output-ack` to its step. */
  onAck(ack: OutputAckMessage): void {
    const job = this.#jobs.get(keyOf(ack));
    if (!job) return;
    job.onAck(ack);
    this.#poke();
  }

  /** The connection is (re)established: every upload resumes from its acknowledged offsets. */
  onReady(): void {
    for (const job of this.#jobs.values()) job.restart();
    this.#poke();
  }

  async #run(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let wait = POLL_MS;
      if (this.#transport.ready) {
        for (const [key, job] of [...this.#jobs]) {
          const result = await this.#pump(key, job);
          if (result === "buffer") wait = BUFFER_POLL_MS;
          if (result === "gone") {
            this.#log.warn({ dir: job.dir }, "the output files of a step vanished before they were uploaded");
            this.#jobs.delete(key);
          }
        }
      }
      const now = Date.now();
      for (const [key, job] of [...this.#jobs]) {
        // Read before saving: a job that finishes while it saves is saved again on the next pass.
        const finished = job.finished;
        await job.save(now, SAVE_EVERY_MS);
        if (finished && this.#jobs.get(key) === job) this.#jobs.delete(key);
      }
      await this.#sleep(wait);
    }
  }

  async #pump(key: string, job: UploadJob) {
    try {
      const result = await job.pump(this.#transport);
      this.#failed.delete(key);
      return result;
    } catch (error) {
      // A read error is retried on every pass; it is logged once, not every 100 ms.
      if (!this.#failed.has(key)) this.#log.warn({ err: error, dir: job.dir }, "uploading step output failed");
      this.#failed.add(key);
      return "idle";
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#poked) {
      this.#poked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        this.#poked = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }

  #poke(): void {
    this.#poked = true;
    this.#wake?.();
  }

  /** `<stateDir>/orchestration/<commandId>/<step>` directories holding an upload state. */
  async #stepDirectories(): Promise<string[]> {
    const root = join(this.#stateDir, "orchestration");
    const dirs: string[] = [];
    for (const command of await readdirOrEmpty(root)) {
      for (const step of await readdirOrEmpty(join(root, command))) {
        if (await exists(join(root, command, step, UPLOAD_STATE_FILE))) dirs.push(join(root, command, step));
      }
    }
    return dirs;
  }
}

function keyOf(step: { commandId: string; step: string }): string {
  return `${step.commandId}/${step.step}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    // ENOTDIR: a file (progress.json) sits beside the step directories.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return false;
    throw error;
  }
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return [];
    throw error;
  }
}
