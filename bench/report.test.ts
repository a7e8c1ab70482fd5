import { describe, expect, it } from 'vitest';
import { wrkLatencyTrusted } from './lib/cell-figures.js';
import { evaluateGoals, renderMarkdown } from './report.js';
import type { Cell, RunResults } from './results.js';
import type { ScenarioId } from './scenarios.js';
import { cellOf, runOf } from './test-results.js';

const wrkCell = (scenario: ScenarioId, concurrency: number, target: string, rps: number, errors = 0, cpu?: number) =>
  cellOf(scenario, concurrency, target, { rps, errors, cpu });
const run = (cells: Cell[]) => runOf(cells);

const goal = (results: RunResults, prefix: string) =>
  evaluateGoals(results).find((g) => g.goal.startsWith(prefix))?.measured['aihub-sqlite'];

describe('the Messages surface goals (issue 12)', () => {
  it('holds Messages pass-through against Chat Completions pass-through at c=50, JSON and streaming', () => {
    const results = run([
      wrkCell('nonstream', 50, 'aihub-sqlite', 1000),
      wrkCell('messages', 50, 'aihub-sqlite', 950),
      wrkCell('stream', 50, 'aihub-sqlite', 1000),
      wrkCell('messages-stream', 50, 'aihub-sqlite', 850),
    ]);
    expect(goal(results, 'Messages pass-through vs Chat Completions pass-through at c=50, non-stream')).toEqual({
      value: '95%',
      met: true,
    });
    expect(goal(results, 'Messages pass-through vs Chat Completions pass-through at c=50, streaming')).toEqual({
      value: '85%',
      met: false,
    });
  });

  it('holds translated Messages streams against pass-through streams at 60%', () => {
    const at = (translated: number) =>
      goal(
        run([
          wrkCell('messages-stream', 50, 'aihub-sqlite', 1000),
          wrkCell('messages-openai-stream', 50, 'aihub-sqlite', translated),
        ]),
        'Translated Messages',
      );
    expect(at(600)).toEqual({ value: '60%', met: true });
    expect(at(599)).toEqual({ value: '59.9%', met: false });
  });

  it('is n/a when a side was not measured or had errors', () => {
    const results = run([
      wrkCell('stream', 50, 'aihub-sqlite', 1000),
      wrkCell('messages-stream', 50, 'aihub-sqlite', 1000, 3),
    ]);
    expect(goal(results, 'Messages pass-through vs Chat Completions pass-through at c=50, streaming')).toEqual({
      value: 'n/a',
      met: undefined,
    });
    expect(goal(results, 'Translated Messages')).toEqual({ value: 'n/a', met: undefined });
  });

  it('shows the CPU-time equivalent beside the req/s ratio, judged on req/s', () => {
    const results = run([
      wrkCell('nonstream', 50, 'aihub-sqlite', 1000, 0, 400),
      wrkCell('messages', 50, 'aihub-sqlite', 800, 0, 420),
    ]);
    // 400 / 420 µs: the Messages row would do 95.2% of the baseline's req/s with a core to itself.
    expect(goal(results, 'Messages pass-through vs Chat Completions pass-through at c=50, non-stream')).toEqual({
      value: '80% (CPU per request: 95.2%)',
      met: false,
    });
  });

  it('renders the surface ratios at every concurrency measured', () => {
    const cells = [1, 50].flatMap((c) => [
      wrkCell('nonstream', c, 'aihub-sqlite', 1000, 0, 300),
      wrkCell('messages', c, 'aihub-sqlite', 900, 0, 300),
      wrkCell('stream', c, 'aihub-sqlite', 800),
      wrkCell('messages-stream', c, 'aihub-sqlite', 800),
      wrkCell('messages-openai', c, 'aihub-sqlite', 450, 0, 600),
      wrkCell('messages-openai-stream', c, 'aihub-sqlite', 400),
    ]);
    const results = run(cells);
    const md = renderMarkdown(results, evaluateGoals(results));
    expect(md).toContain('## Messages surface (issue 12)');
    expect(md).toContain('| 1 | aihub-sqlite | 90% / 100% | 100% / n/a | 50% / 50% | 50% / n/a |');
    expect(md).toContain('| 50 | aihub-sqlite | 90% / 100% | 100% / n/a | 50% / 50% | 50% / n/a |');
    expect(md).toContain(
      '### messages-openai-stream: Messages translated, streaming (Anthropic client, OpenAI upstream)',
    );
    expect(md).toContain('| 50 | aihub-sqlite | 450 | 1 | 1 | 0 |  |  |  | 600 |');
  });

  it('leaves the surface table out of a run without the Messages rows', () => {
    const results = run([wrkCell('nonstream', 50, 'aihub-sqlite', 1000)]);
    expect(renderMarkdown(results, evaluateGoals(results))).not.toContain('Messages surface');
  });
});

describe("wrk latencies that break Little's law", () => {
  const saturated = (mean: number): Cell => {
    const c = wrkCell('nonstream', 200, 'aihub-sqlite', 2000);
    c.wrk!.latency = { p50: 90, p90: 120, p99: 3000, max: 5000, mean };
    return c;
  };

  it('trusts a mean near connections ÷ req/s and doubts one far above it', () => {
    // 200 connections at 2,000 req/s: 100 ms in flight on average.
    expect(wrkLatencyTrusted(saturated(110))).toBe(true);
    expect(wrkLatencyTrusted(saturated(125))).toBe(true);
    expect(wrkLatencyTrusted(saturated(126))).toBe(false);
  });

  it('marks the doubted p99 in the raw table', () => {
    const md = (mean: number) => renderMarkdown(run([saturated(mean)]), []);
    expect(md(400)).toContain('| 200 | aihub-sqlite | 2000 | 90 | 3000 † | 0 |');
    expect(md(100)).toContain('| 200 | aihub-sqlite | 2000 | 90 | 3000 | 0 |');
  });
});
