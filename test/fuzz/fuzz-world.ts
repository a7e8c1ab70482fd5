/**
 * The server under fuzz and the people who call it: a real AIHub (SQLite, the vendor emulators as
 * upstreams) with a user who has a console session and CSRF token, the same user's API key, the
 * administrator, and anonymous callers; plus a neighbour user and objects that exist (keys, a
 * channel, redemption codes, a request log row) so generated ids sometimes hit something real.
 *
 * Fuzzed requests come from 127.0.0.1. The world's own upkeep (logging in again after a fuzzed
 * logout, re-enabling a user a fuzzed admin call disabled) comes from 127.0.0.2, so the per-address
 * limits the fuzz runs into never lock the upkeep out.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { Agent, request } from 'undici';
import { ADMIN_KEY, type Gateway, startGateway } from '../e2e/gateway-harness.js';
import type { FuzzAnswer } from './answer-checks.js';
import { REQUEST_TIMEOUT_MS } from './fuzz-config.js';
import { hintsFrom } from './fuzz-hints.js';
import { buildRouteTable, type FuzzRoute, type OpenApiDocument } from './route-table.js';
import type { SchemaHints } from './schema-arbitrary.js';
import { tallyLine } from './tally-line.js';
import { V1_BODY_SCHEMAS } from './v1-request-schemas.js';

export type CallerName = 'anonymous' | 'session' | 'user-key' | 'admin';
export const CALLERS: CallerName[] = ['anonymous', 'session', 'user-key', 'admin'];

export interface FuzzRequest {
  method: string;
  /** Path and query, already encoded (or deliberately not). */
  target: string;
  headers: Record<string, string>;
  payload?: string | Uint8Array;
}

/** A log record at warn level or above, as the server wrote it. */
export interface LogRecord {
  level: number;
  msg?: string;
  [field: string]: unknown;
}

const USER_EMAIL = 'fuzz-user@example.com';
const NEIGHBOUR_EMAIL = 'fuzz-neighbour@example.com';
const PASSWORD = 'fuzz password 1234';
/** Units (1e-6 USD): enough that valid requests never run the user dry. */
const WORKING_BALANCE = 1_000_000_000_000;

interface Session {
  cookie: string;
  csrf: string;
}

interface Reply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers to the world's own upkeep calls, whose shapes the API's own tests check
  json: any;
}

export class FuzzWorld {
  /** Answers to fuzzed requests by status, for the run's summary line. */
  readonly statuses = new Map<number, number>();
  /** Unhandled rejections and uncaught exceptions in this process while the world was up. */
  readonly processFailures: string[] = [];
  userId = '';
  neighbourId = '';
  private session: Session = { cookie: '', csrf: '' };
  private userKey = '';
  private ids = new Set<string>();
  private models: string[] = [];
  private providers: string[] = [];
  private codes: string[] = [];
  private modelOwners = new Map<string, string>();
  private readonly onProcessFailure = (error: unknown) => {
    this.processFailures.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  };

  private constructor(
    readonly gateway: Gateway,
    /** Warnings and errors the server logged (an internal error is also a 5xx the checks catch). */
    readonly logs: LogRecord[],
    /** Fuzzed requests: 127.0.0.1. */
    private readonly fuzzAgent: Agent,
    /** The world's upkeep: 127.0.0.2. */
    private readonly upkeepAgent: Agent,
  ) {}

  static async start(extraEnv: Record<string, string> = {}): Promise<FuzzWorld> {
    const logs: LogRecord[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogRecord);
        done();
      },
    });
    const gateway = await startGateway(extraEnv, 'sqlite', { logger: pino({ level: 'warn' }, sink) });
    const world = new FuzzWorld(
      gateway,
      logs,
      new Agent({ connections: 4 }),
      new Agent({ connections: 2, localAddress: '127.0.0.2' }),
    );
    process.on('unhandledRejection', world.onProcessFailure);
    process.on('uncaughtException', world.onProcessFailure);
    await world.seed();
    return world;
  }

  async close(): Promise<void> {
    process.off('unhandledRejection', this.onProcessFailure);
    process.off('uncaughtException', this.onProcessFailure);
    await this.gateway.close();
    await Promise.all([this.fuzzAgent.close(), this.upkeepAgent.close()]);
  }

  /** Sends a fuzzed request from 127.0.0.1; a request without an answer in time throws. */
  async send(fuzzed: FuzzRequest): Promise<FuzzAnswer> {
    const response = await request(`${this.gateway.origin}${fuzzed.target}`, {
      method: fuzzed.method as 'GET',
      headers: fuzzed.headers,
      body: fuzzed.payload,
      dispatcher: this.fuzzAgent,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = await response.body.text();
    this.statuses.set(response.statusCode, (this.statuses.get(response.statusCode) ?? 0) + 1);
    const path = fuzzed.target.split('?')[0];
    return { method: fuzzed.method, path, status: response.statusCode, headers: response.headers, body };
  }

  /** Every `/v1` and `/api` route the server has, from its route tree and its OpenAPI document. */
  async routes(): Promise<FuzzRoute[]> {
    const openApi = (await this.upkeep('GET', '/api/openapi.json', {})).json as OpenApiDocument;
    return buildRouteTable(this.gateway.app.server.printRoutes(), openApi, V1_BODY_SCHEMAS);
  }

  /** A model the relay routes to this vendor's upstream (`owned_by` in /v1/models). */
  modelOf(vendor: string): string {
    const found = [...this.modelOwners].find(([, owner]) => owner === vendor);
    if (!found) throw new Error(`no model routes to ${vendor}`);
    return found[0];
  }

  /** The headers that make a request come from this caller. */
  headersOf(caller: CallerName): Record<string, string> {
    switch (caller) {
      case 'anonymous':
        return {};
      case 'session':
        return { cookie: this.session.cookie, 'x-csrf-token': this.session.csrf };
      case 'user-key':
        return { authorization: `Bearer ${this.userKey}` };
      case 'admin':
        return { authorization: `Bearer ${ADMIN_KEY}` };
      default: {
        const exhaustive: never = caller;
        return exhaustive;
      }
    }
  }

  /** Values the schemas cannot know: ids that exist, models that route, URLs on this machine. */
  hints(): SchemaHints {
    return hintsFrom({
      ids: [...this.ids],
      models: this.models,
      providers: this.providers,
      codes: this.codes,
      emails: [USER_EMAIL, NEIGHBOUR_EMAIL],
      password: PASSWORD,
      upstreamUrls: [this.gateway.openai.url, this.gateway.anthropic.url],
    });
  }

  /**
   * Puts the callers back the way the suite needs them, when a fuzzed call changed them: the user
   * active, a plain user, without limits, logged in, with a working key and money.
   */
  async restoreCallers(): Promise<void> {
    const me = await this.upkeep('GET', '/api/auth/me', { authorization: `Bearer ${this.userKey}` });
    const user = me.json?.user;
    const changed =
      me.status !== 200 ||
      user?.status !== 'active' ||
      user?.role !== 'user' ||
      user?.rpmLimit !== null ||
      user?.tpmLimit !== null ||
      user?.concurrencyLimit !== null;
    if (changed) {
      await this.admin('PATCH', `/api/admin/users/${this.userId}`, {
        status: 'active',
        role: 'user',
        rpmLimit: null,
        tpmLimit: null,
        concurrencyLimit: null,
      });
    }
    const session = await this.upkeep('GET', '/api/auth/me', { cookie: this.session.cookie });
    if (session.status !== 200) this.session = await this.logIn(USER_EMAIL);
    const key = await this.upkeep('GET', '/api/auth/me', { authorization: `Bearer ${this.userKey}` });
    if (key.status !== 200) this.userKey = await this.createKey(this.session, 'fuzz caller key');
    if (user && user.balance < WORKING_BALANCE / 10) await this.topUp(this.userId);
    // Keys and codes a fuzzed call deleted are gone from the pools: refill them.
    await this.collectIds();
  }

  /** `N requests: 2xx N, 4xx N, ...; server warnings: ...` for the run's log. */
  summary(): string {
    return tallyLine(this.statuses, this.logs);
  }

  /** The routing health report (keys cooling down, breakers not closed), as the admin API gives it. */
  async routingHealth(): Promise<Record<string, unknown>> {
    return (await this.admin('GET', '/api/admin/routing/health')).json;
  }

  /** The server still answers (a crash or a wedged event loop would not). */
  async stillAnswers(): Promise<boolean> {
    try {
      return (await this.upkeep('GET', '/health', {})).status === 200;
    } catch {
      return false;
    }
  }

  /** Log records that mean a bug whatever the request (internal errors, unhandled failures). */
  seriousLogs(): LogRecord[] {
    return this.logs.filter((record) => record.level >= 50 || /unhandled|uncaught/i.test(String(record.msg ?? '')));
  }

  private async seed(): Promise<void> {
    const user = await this.register(USER_EMAIL);
    this.userId = user.userId;
    this.session = user.session;
    this.userKey = await this.createKey(this.session, 'fuzz caller key');
    const neighbour = await this.register(NEIGHBOUR_EMAIL);
    this.neighbourId = neighbour.userId;
    await this.createKey(neighbour.session, 'neighbour key');
    await this.createKey(this.session, 'sacrificial key');
    await this.topUp(this.userId);
    const batch = await this.admin('POST', '/api/admin/redemptions', { name: 'fuzz', amount: 1_000, count: 20 });
    this.codes = batch.json.codes;
    await this.admin('POST', '/api/admin/channels', {
      name: 'fuzz-seed',
      type: 'openai',
      baseUrl: this.gateway.openai.url,
      models: ['fuzz-seed-model'],
      keys: ['test-key'],
    });
    const models = await this.upkeep('GET', '/v1/models', { authorization: `Bearer ${ADMIN_KEY}` });
    this.modelOwners = new Map(
      models.json.data.map((model: { id: string; owned_by: string }) => [model.id, model.owned_by]),
    );
    this.models = [...this.modelOwners.keys()];
    const catalog = await this.upkeep('GET', '/api/models', {});
    this.providers = [...new Set<string>(catalog.json.data.map((model: { provider: string }) => model.provider))];
    this.models.push(...catalog.json.data.slice(0, 5).map((model: { id: string }) => model.id));
    // One answered request, so a request log row exists to look up.
    await this.upkeep(
      'POST',
      '/v1/chat/completions',
      { authorization: `Bearer ${this.userKey}`, 'content-type': 'application/json' },
      { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] },
    );
    await this.collectIds();
  }

  /** Ids of what exists now: users, keys, channels and their keys, code batches, log rows. */
  private async collectIds(): Promise<void> {
    const ids = new Set<string>([this.userId, this.neighbourId]);
    const add = (items: unknown, field = 'id') => {
      if (Array.isArray(items)) for (const item of items) if (typeof item?.[field] === 'string') ids.add(item[field]);
    };
    add((await this.admin('GET', '/api/keys')).json?.data);
    const channels = (await this.admin('GET', '/api/admin/channels')).json?.data;
    add(channels);
    if (Array.isArray(channels)) for (const channel of channels) add(channel?.keys);
    add((await this.admin('GET', '/api/admin/redemptions')).json?.batches);
    const logs = (await this.admin('GET', '/api/logs')).json?.data;
    add(logs);
    add(logs, 'requestId');
    this.ids = ids;
  }

  private async register(email: string): Promise<{ userId: string; session: Session }> {
    const reply = await this.upkeep(
      'POST',
      '/api/auth/register',
      { 'content-type': 'application/json' },
      { email, password: PASSWORD },
      true,
    );
    if (reply.status !== 201) throw new Error(`register ${email}: ${reply.status} ${JSON.stringify(reply.json)}`);
    return { userId: reply.json.user.id, session: { cookie: reply.cookie, csrf: reply.json.csrfToken } };
  }

  private async logIn(email: string): Promise<Session> {
    let reply = await this.upkeep(
      'POST',
      '/api/auth/login',
      { 'content-type': 'application/json' },
      { email, password: PASSWORD },
      true,
    );
    if (reply.status === 401) {
      // A fuzzed admin call set another password: set ours again.
      await this.admin('PATCH', `/api/admin/users/${this.userId}`, { password: PASSWORD });
      reply = await this.upkeep(
        'POST',
        '/api/auth/login',
        { 'content-type': 'application/json' },
        { email, password: PASSWORD },
        true,
      );
    }
    if (reply.status !== 200) throw new Error(`log in ${email}: ${reply.status} ${JSON.stringify(reply.json)}`);
    return { cookie: reply.cookie, csrf: reply.json.csrfToken };
  }

  private async createKey(session: Session, name: string): Promise<string> {
    const reply = await this.upkeep(
      'POST',
      '/api/keys',
      { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      { name },
    );
    if (reply.status !== 201) throw new Error(`create key: ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json.key;
  }

  private async topUp(userId: string): Promise<void> {
    const reply = await this.admin('POST', `/api/admin/users/${userId}/adjust`, {
      amount: WORKING_BALANCE,
      reason: 'fuzz working balance',
    });
    if (reply.status !== 200 && reply.status !== 201)
      throw new Error(`top up: ${reply.status} ${JSON.stringify(reply.json)}`);
  }

  private admin(method: string, path: string, body?: unknown): Promise<Reply & { cookie: string }> {
    const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_KEY}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.upkeep(method, path, headers, body);
  }

  /** A request of the world's own, from 127.0.0.2. */
  private async upkeep(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: unknown,
    wantCookie = false,
  ): Promise<Reply & { cookie: string }> {
    const response = await request(`${this.gateway.origin}${path}`, {
      method: method as 'GET',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      dispatcher: this.upkeepAgent,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.body.text();
    const setCookie = response.headers['set-cookie'];
    const cookie = wantCookie ? String(Array.isArray(setCookie) ? setCookie[0] : (setCookie ?? '')).split(';')[0] : '';
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: response.statusCode, json, cookie };
  }
}
