/** The machine a run measured on, and its load average while it ran (other work shares it). */
import { cpus, loadavg, totalmem } from 'node:os';
import { median } from './storm';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  const list = cpus();
  return { cpu: list[0]?.model.trim() ?? 'unknown', cores: list.length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, platform: `${process.platform} ${process.arch}` };
}

/** Samples the 1-minute load average every `everyMs` until stopped. */
export function sampleLoad(everyMs = 5_000): { stop(): { atStart: number; median: number; max: number } } {
  const samples = [loadavg()[0] ?? 0];
  const timer = setInterval(() => samples.push(loadavg()[0] ?? 0), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return { atStart: samples[0] ?? 0, median: median(samples), max: Math.max(...samples) };
    },
  };
}
