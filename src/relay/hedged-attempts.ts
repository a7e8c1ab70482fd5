import { GatewayError } from '../ir/index.js';
import type { StartedAttempt } from './attempt-plan.js';
import type { ClientConnection } from './client-connection.js';

/**
 * Hedged requests: when an attempt has not answered after the hedge delay, a second attempt starts
 * on another channel, and the first to produce an answer serves the client; the other is aborted.
 *
 * The race is decided by the client's side, not the upstreams': each attempt writes through its own
 * lane, and the first lane to commit anything (a stream's first frame with content, or a JSON
 * answer's settlement, which comes before its body) owns the client. That lane's claim aborts the
 * other's upstream call at once; the loser, should it reach the client after all, finds it taken
 * and stops before a byte of its answer is written or charged. So the client gets exactly one
 * answer, charged once, and no interleaving is possible: a claim is synchronous.
 */

/** What an attempt came to: it served the client, it failed (with what the plan needs next), or it lost a hedge. */
export type AttemptEnd<Failure> = { outcome: 'served' } | { outcome: 'failed'; failure: Failure } | { outcome: 'lost' };

/** An attempt's way to the client: the connection it writes to, and the claim it must win first. */
export interface AttemptLane {
  readonly client: ClientConnection;
  /** Takes the client for this attempt; throws `hedge_lost` when another attempt has it. */
  claim(): void;
  /** True once another attempt took the client (this one's upstream call is being aborted). */
  readonly lost: boolean;
  /** Stops listening to the client (call when the attempt is over). */
  dispose(): void;
}

/** The lane of an attempt that races nobody. */
export function soleLane(client: ClientConnection): AttemptLane {
  return { client, claim() {}, lost: false, dispose() {} };
}

/** The two lanes of a hedged request and the claim between them. */
export class HedgeGate {
  private owner: HedgeLane | undefined;
  private closed = false;
  private readonly lanes: HedgeLane[] = [];
  private resolveClaimed!: () => void;
  /** Resolves when a lane claims the client. */
  readonly claimed = new Promise<void>((resolve) => {
    this.resolveClaimed = resolve;
  });

  constructor(private readonly client: ClientConnection) {}

  lane(): HedgeLane {
    const lane = new HedgeLane(this.client, this);
    this.lanes.push(lane);
    return lane;
  }

  get decided(): boolean {
    return this.owner !== undefined;
  }

  /** @internal A lane's claim: the first wins and the others are aborted. */
  claim(lane: HedgeLane): void {
    if (this.owner === lane) return;
    if (this.owner || this.closed) throw hedgeLost();
    this.owner = lane;
    for (const other of this.lanes) if (other !== lane) other.lose();
    this.resolveClaimed();
  }

  /** Nobody may take the client any more: every lane that has not claimed it is aborted. */
  close(): void {
    this.closed = true;
    for (const lane of this.lanes) if (lane !== this.owner) lane.lose();
  }
}

class HedgeLane implements AttemptLane, ClientConnection {
  private readonly controller = new AbortController();
  private readonly onClientAbort = () => this.controller.abort(this.target.signal.reason);
  private isLost = false;

  constructor(
    private readonly target: ClientConnection,
    private readonly gate: HedgeGate,
  ) {
    if (target.signal.aborted) this.controller.abort(target.signal.reason);
    else target.signal.addEventListener('abort', this.onClientAbort, { once: true });
  }

  /** The client's signal, also aborted when this lane loses: its upstream call stops either way. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get lost(): boolean {
    return this.isLost;
  }

  /** The lane writes to the client through itself, claiming on the first write. */
  get client(): ClientConnection {
    return this;
  }

  claim(): void {
    this.gate.claim(this);
  }

  lose(): void {
    this.isLost = true;
    this.controller.abort(hedgeLost());
  }

  dispose(): void {
    this.target.signal.removeEventListener('abort', this.onClientAbort);
  }

  sendJson(status: number, headers: Record<string, string>, body: unknown): void {
    this.claim();
    this.target.sendJson(status, headers, body);
  }

  startStream(headers: Record<string, string>): void {
    this.claim();
    this.target.startStream(headers);
  }

  write(text: string): Promise<void> {
    this.claim();
    return this.target.write(text);
  }

  end(): void {
    this.claim();
    this.target.end();
  }
}

/** Seen only inside the relay: a lost attempt stops with it, and it never reaches the client. */
function hedgeLost(): GatewayError {
  return new GatewayError({
    kind: 'upstream_error',
    message: 'Another attempt of this hedged request answered first.',
    code: 'hedge_lost',
    retryable: false,
  });
}

type Settled<T> = { end: T } | { thrown: unknown };

const settledOf = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (end) => ({ end }),
    (thrown: unknown) => ({ thrown }),
  );

const unwrap = <T>(settled: Settled<T>): T => {
  if ('thrown' in settled) throw settled.thrown;
  return settled.end;
};

/**
 * Runs `primary`, and when it has claimed nothing after `waitMs`, a second attempt (`hedge()`
 * starts it on another channel; undefined: there is none) beside it. Resolves once both are over:
 * with the winner's end, else with the later failure, for the plan's next attempt. An exception
 * (the client gone, AIHub's own error) aborts the other attempt and is thrown once it is over.
 */
export async function raceHedged<Failure>(
  client: ClientConnection,
  primary: StartedAttempt,
  waitMs: number,
  hedge: () => StartedAttempt | undefined,
  run: (started: StartedAttempt, lane: AttemptLane) => Promise<AttemptEnd<Failure>>,
): Promise<{ end: AttemptEnd<Failure>; hedged: boolean }> {
  const gate = new HedgeGate(client);
  const first = settledOf(run(primary, gate.lane()));
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<'waited'>((resolve) => {
    timer = setTimeout(() => resolve('waited'), waitMs);
  });
  const early = await Promise.race([first, waited, gate.claimed.then(() => 'claimed' as const)]);
  clearTimeout(timer);
  if (early !== 'waited' || gate.decided) return { end: unwrap(await first), hedged: false };
  const second = hedge();
  if (!second) return { end: unwrap(await first), hedged: false };
  const other = settledOf(run(second, gate.lane()));
  const [a, b] = [
    first.then((settled) => ({ settled, rest: other })),
    other.then((settled) => ({ settled, rest: first })),
  ];
  const done = await Promise.race([a, b]);
  if ('thrown' in done.settled) {
    // The client left, or AIHub failed: the other attempt must not go on answering.
    gate.close();
    await done.rest;
    throw done.settled.thrown;
  }
  const rest = await done.rest;
  if (done.settled.end.outcome === 'served') return { end: done.settled.end, hedged: true };
  // This one lost or failed: the other's end is the request's (its exception too).
  return { end: unwrap(rest), hedged: true };
}
