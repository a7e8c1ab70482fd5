/**
 * The main matrix: every scenario × concurrency × target, interleaved by target inside each
 * concurrency level so drift hits every target alike. Each target is probed (one checked
 * request) and warmed up once per scenario before the first measured cell. With several rounds,
 * each round runs every scenario once, so the scenarios alternate too: the Messages rows are held
 * against the Chat Completions rows of the same process (issue 12), and drift on a shared machine
 * should hit both alike.
 */

import { cpuMs } from './lib/proc.js';
import { settings } from './lib/settings.js';
import { median, round as roundTo } from './lib/stats.js';
import { probe, runTtfb, runWrk } from './load.js';
import type { Cell, RunResults } from './results.js';
import { loadFor, SCENARIOS, type ScenarioId, type TargetRef, type Upstreams } from './scenarios.js';

/** At and above this concurrency every cell also gets the undici client's pass (issue 17's p99 goal is at 200). */
export const CLIENT_PASS_CONCURRENCY = 200;

export interface MatrixTarget {
  name: string;
  ref?: TargetRef;
  /** The gateway's process, for its CPU time per request (none for `direct`). */
  pid?: number;
}

const log = (line: string) => process.stdout.write(`${line}\n`);

export async function runMatrix(
  targets: MatrixTarget[],
  upstreams: Upstreams,
  results: RunResults,
  workDir: string,
): Promise<void> {
  const raw: Cell[] = [];
  const scenarios: ScenarioId[] = [];
  const skips = new Map<ScenarioId, Map<string, string>>();
  for (const scenario of settings.scenarios as ScenarioId[]) {
    if (!SCENARIOS[scenario]) {
      results.problems.push(`unknown scenario '${scenario}'`);
      continue;
    }
    scenarios.push(scenario);
    const skip = new Map<string, string>();
    skips.set(scenario, skip);
    for (const target of targets) {
      const status = results.targets[target.name];
      if (!target.ref || !status.available) {
        skip.set(target.name, `unavailable: ${status.reason ?? 'not started'}`);
        continue;
      }
      const load = loadFor(target.ref, scenario, upstreams);
      if (!load) {
        skip.set(target.name, 'n/a');
        continue;
      }
      const checked = await probe(load);
      status.probes = { ...status.probes, [scenario]: checked };
      if (!checked.ok) {
        skip.set(target.name, `probe failed: HTTP ${checked.status} ${checked.sample.slice(0, 120)}`);
        log(`  ${scenario} ${target.name}: probe failed (${checked.status}) ${checked.sample.slice(0, 200)}`);
        continue;
      }
      await runWrk(load, { connections: 50, durationSec: settings.warmupSec, workDir, label: 'warm-up' });
    }
  }
  for (let round = 0; round < settings.rounds; round++) {
    for (const scenario of scenarios) {
      const skip = skips.get(scenario) ?? new Map<string, string>();
      for (const concurrency of settings.concurrency) {
        for (const target of targets) {
          const reason = skip.get(target.name);
          if (reason || !target.ref) {
            if (round === 0) raw.push({ scenario, concurrency, target: target.name, skipped: reason ?? 'n/a' });
            continue;
          }
          const load = loadFor(target.ref, scenario, upstreams);
          if (!load) continue;
          const options = {
            connections: concurrency,
            workDir,
            label: `${scenario} c=${concurrency} ${target.name}${settings.rounds > 1 ? ` round ${round + 1}` : ''}`,
          };
          try {
            const cpuBefore = target.pid === undefined ? undefined : cpuMs(target.pid);
            const wrk = await runWrk(load, { ...options, durationSec: settings.durationSec });
            const cpuAfter = target.pid === undefined ? undefined : cpuMs(target.pid);
            const cpuUsPerRequest =
              cpuBefore === undefined || cpuAfter === undefined || wrk.requests === 0
                ? undefined
                : roundTo(((cpuAfter - cpuBefore) * 1000) / wrk.requests, 1);
            // The undici client's pass: streams for their time to first byte, and every load at the
            // tail goal's concurrency, where wrk's latencies from a saturated Node server are not
            // trustworthy (report.ts, wrkLatencyTrusted).
            const ttfb =
              load.stream || concurrency >= CLIENT_PASS_CONCURRENCY
                ? await runTtfb(load, { ...options, durationSec: settings.ttfbSec })
                : undefined;
            raw.push({
              scenario,
              concurrency,
              target: target.name,
              wrk,
              ...(cpuUsPerRequest === undefined ? {} : { cpuUsPerRequest }),
              ...(ttfb ? { ttfb } : {}),
            });
            log(
              `  ${scenario.padEnd(10)} c=${String(concurrency).padEnd(4)} ${target.name.padEnd(13)} ` +
                `${String(wrk.rps).padStart(8)} req/s  p50 ${wrk.latency.p50} ms  p99 ${wrk.latency.p99} ms  errors ${wrk.errors.total}` +
                (cpuUsPerRequest === undefined ? '' : `  ${cpuUsPerRequest} µs CPU/req`) +
                (ttfb ? `  ttfb p50 ${ttfb.ttfb.p50} ms p99 ${ttfb.ttfb.p99} ms (${ttfb.errors} errors)` : ''),
            );
          } catch (error) {
            const message = (error as Error).message.split('\n')[0];
            raw.push({ scenario, concurrency, target: target.name, skipped: `failed: ${message}` });
            results.problems.push(`${options.label}: ${message}`);
          }
        }
      }
    }
  }
  results.cells.push(...combineRounds(raw));
}

/**
 * With BENCH_ROUNDS > 1, each cell is measured once per round (rounds run one after the other,
 * each over every concurrency and target): the cell keeps the round with the median req/s (and
 * the TTFB pass with the median p50), and lists every round's req/s.
 */
export function combineRounds(raw: Cell[]): Cell[] {
  const groups = new Map<string, Cell[]>();
  for (const cell of raw) {
    const key = `${cell.scenario}|${cell.concurrency}|${cell.target}`;
    groups.set(key, [...(groups.get(key) ?? []), cell]);
  }
  return [...groups.values()].map((cells) => {
    const measured = cells.filter((cell) => cell.wrk);
    if (measured.length === 0) return cells[0];
    const byRps = [...measured].sort((a, b) => (a.wrk?.rps ?? 0) - (b.wrk?.rps ?? 0));
    const chosen = { ...byRps[Math.floor((byRps.length - 1) / 2)] };
    const ttfbs = measured.flatMap((cell) => (cell.ttfb ? [cell.ttfb] : [])).sort((a, b) => a.ttfb.p50 - b.ttfb.p50);
    if (ttfbs.length) chosen.ttfb = ttfbs[Math.floor((ttfbs.length - 1) / 2)];
    if (measured.length > 1) chosen.roundsRps = measured.map((cell) => cell.wrk?.rps ?? 0);
    const cpus = measured.flatMap((cell) => (cell.cpuUsPerRequest === undefined ? [] : [cell.cpuUsPerRequest]));
    if (cpus.length) chosen.cpuUsPerRequest = median(cpus);
    if (cpus.length > 1) chosen.roundsCpuUsPerRequest = cpus;
    return chosen;
  });
}
