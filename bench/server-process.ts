/**
 * Starts one server under test as its own process, its output in a log file (so the load generator
 * never spends time reading it), and stops it with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { once } from 'node:events';

export interface BenchServer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  name: string;
  command: string;
  args: readonly string[];
  env: Record<string, string>;
  logFile: string;
  /** How the server says it is up: a `listening <url>` line, or a fixed URL whose readiness probe answers 200. */
  ready: { line: true } | { url: string; probe: string };
  /** @default 180 000 ms */
  timeoutMs?: number;
}

export async function startServer({ name, command, args, env, logFile, ready, timeoutMs = 180_000 }: StartOptions): Promise<BenchServer> {
  const fd = openSync(logFile, 'w');
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const exited = once(child, 'exit');
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited before it was ready; see ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      await stop(child, exited);
      throw new Error(`${name} was not ready after ${timeoutMs} ms; see ${logFile}:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    if ('line' in ready) url = /listening (http:\/\/\S+)/.exec(readFileSync(logFile, 'utf8'))?.[1];
    else url = (await fetch(ready.url + ready.probe).then((r) => r.status === 200, () => false)) ? ready.url : undefined;
  }
  return { name, url, pid: child.pid ?? -1, stop: () => stop(child, exited) };
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

function tail(file: string): string {
  return readFileSync(file, 'utf8').split('\n').slice(-20).join('\n');
}
