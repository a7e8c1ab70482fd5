import { GatewayError } from '../../ir/index.js';
import { decodeMjSubmitAnswer } from '../../providers/midjourney/decode-upstream.js';
import { encodeMjSubmit } from '../../providers/midjourney/encode-upstream.js';
import { mjUnitKey } from '../../providers/midjourney/mj-action.js';
import { MJ_CODE, type MjSubmitAnswer } from '../../providers/midjourney/mj-wire.js';
import { selectRoute } from '../../routing/channel-selector.js';
import type { RouteCandidate } from '../../routing/model-router.js';
import { decodeMjSubmission, type MjSubmission, type MjSubmitRoute } from '../../surfaces/midjourney/decode-submit.js';
import { MjRefusal } from '../../surfaces/midjourney/encode-error.js';
import { upstreamFault } from '../../upstream/upstream-fault.js';
import { planAttempts } from '../attempt-plan.js';
import { runAttemptSeries } from '../attempt-series.js';
import { assertModelAllowed } from '../model-permission.js';
import type { RelayCaller } from '../relay-ports.js';
import type { RelayTrace } from '../relay-trace.js';
import { MJ_JOB_KIND, MJ_MODEL, type MjJob, type MjJobRequest, mjJobRequest, mjJobResult } from './mj-job.js';
import type { MidjourneyDeps } from './mj-ports.js';
import { callMjProxy } from './mj-proxy-call.js';
import { mjTaskNotFound } from './mj-task-lookup.js';

export interface MjSubmitContext {
  requestId: string;
  caller: RelayCaller;
  route: MjSubmitRoute;
  body: unknown;
  trace: RelayTrace;
  signal: AbortSignal;
}

/** Codes with which the proxy took the task: it runs (or ran) under the id in `result`. */
const TAKEN = new Set<number>([MJ_CODE.success, MJ_CODE.existed, MJ_CODE.inQueue]);

/**
 * One `POST /mj/submit/<route>`: checked, routed (a new task to any Midjourney channel, with
 * failover; an action or a modal to the channel that holds its task), its action's unit held
 * (durably: the job settles it when the task ends, from whichever replica polls it), submitted,
 * and recorded as a job under a new AIHub id. A refusal by the proxy releases the hold and is
 * relayed with its code; nothing is charged for it.
 */
export async function submitMidjourney(context: MjSubmitContext, deps: MidjourneyDeps): Promise<MjSubmitAnswer> {
  const { caller, requestId } = context;
  const submission = decodeMjSubmission(context.route, context.body);
  // The log row's model, and (with prompt logging on) its prompt.
  context.trace.request = {
    model: MJ_MODEL,
    messages: submission.prompt ? [{ role: 'user', content: [{ type: 'text', text: submission.prompt }] }] : [],
    stream: false,
    includeUsage: false,
  };
  assertModelAllowed(caller, MJ_MODEL);
  const source = submission.taskId ? await sourceTask(submission, caller, deps) : undefined;
  const candidates = source ? [routeOfTask(source, deps)] : newTaskRoutes(caller, deps);
  const fields = source ? { ...submission.fields, taskId: source.upstreamId } : submission.fields;
  const unitKey = mjUnitKey(submission.action);
  const route = candidates[0] as RouteCandidate;
  const unitParam = submission.route === 'action' ? 'customId' : undefined;
  // Priced by the first candidate's vendor, as the other relays hold; the job settles by the one that took it.
  const pricing = { requestId, model: MJ_MODEL, vendor: route.channel.vendor, upstreamModel: MJ_MODEL };
  if (unitKey)
    await deps.holds.hold({ ...pricing, caller, worst: { [unitKey]: 1 }, ...(unitParam ? { unitParam } : {}) });
  let taken: { answer: ReturnType<typeof decodeMjSubmitAnswer>; channelId: string; vendor: string };
  try {
    taken = await runSubmitAttempts(submission, fields, candidates, context, deps);
    if (!TAKEN.has(taken.answer.code) || !taken.answer.upstreamId) {
      throw new MjRefusal(taken.answer.code, taken.answer.description);
    }
  } catch (error) {
    if (unitKey) await deps.holds.release({ ...pricing, caller });
    throw error;
  }
  const now = deps.relay.now();
  const request: MjJobRequest = {
    route: submission.route,
    action: submission.action,
    prompt: submission.prompt,
    state: typeof submission.fields.state === 'string' ? submission.fields.state : '',
    caller: { group: caller.group, metered: caller.metered },
    submitCode: taken.answer.code,
    submitDescription: taken.answer.description,
  };
  if (unitKey) request.unitKey = unitKey;
  if (submission.customId) request.customId = submission.customId;
  if (source) request.sourceTaskId = source.id;
  const id = deps.newTaskId();
  await deps.jobs.create({
    id,
    kind: MJ_JOB_KIND,
    userId: caller.userId,
    keyId: caller.keyId,
    requestId,
    channelId: taken.channelId,
    vendor: taken.vendor,
    model: MJ_MODEL,
    upstreamModel: MJ_MODEL,
    upstreamId: taken.answer.upstreamId,
    request,
    createdAt: now,
    nextPollAt: now + deps.firstPollMs,
    deadlineAt: now + deps.deadlineMs,
  });
  return { code: taken.answer.code, description: taken.answer.description, result: id, properties: {} };
}

/** The caller's task an action or a modal acts on, checked: an action's button must be one of its own. */
async function sourceTask(submission: MjSubmission, caller: RelayCaller, deps: MidjourneyDeps): Promise<MjJob> {
  const job = await deps.jobs.find(submission.taskId as string, caller.userId, MJ_JOB_KIND);
  if (!job?.upstreamId) throw mjTaskNotFound('taskId');
  const request = mjJobRequest(job);
  if (submission.route === 'modal') {
    if (request?.action !== 'custom_zoom' && request?.action !== 'inpaint') {
      throw invalid('This task is not waiting for a modal (press Custom Zoom or Vary (Region) first).', 'taskId');
    }
    return job;
  }
  const buttons = job.status === 'completed' ? (mjJobResult(job)?.buttons ?? []) : [];
  if (!buttons.some((button) => button.customId === submission.customId)) {
    throw invalid("'customId' is not one of this task's buttons (a finished task's `buttons`).", 'customId');
  }
  return job;
}

function invalid(message: string, param: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_request' });
}

/** A task lives on one proxy: its actions go there, or nowhere. */
function routeOfTask(job: MjJob, deps: MidjourneyDeps): RouteCandidate {
  const channel = deps.relay.router.channelById(job.channelId);
  if (channel?.provider !== 'midjourney-proxy' || channel.keys.length === 0) {
    throw new GatewayError({
      kind: 'no_channel',
      message: 'The Midjourney channel that ran this task is no longer available.',
      code: 'no_available_channel',
    });
  }
  return { channel, upstreamModel: MJ_MODEL };
}

function newTaskRoutes(caller: RelayCaller, deps: MidjourneyDeps): RouteCandidate[] {
  const candidates = deps.relay.router
    .resolve(MJ_MODEL, caller.group)
    .filter((candidate) => candidate.channel.provider === 'midjourney-proxy');
  if (candidates.length === 0) {
    throw new GatewayError({
      kind: 'not_found',
      message: 'No Midjourney proxy channel is configured.',
      param: 'model',
      code: 'model_not_found',
    });
  }
  return candidates;
}

/**
 * The attempts (attempt-series.ts): a retryable upstream failure (a 5xx, a network error, a queue
 * that is full, code 23) moves on to the next channel or key, anything else ends the submission.
 * The proxy's other refusals are answers, not failures: they end it too.
 */
function runSubmitAttempts(
  submission: MjSubmission,
  fields: Record<string, unknown>,
  candidates: RouteCandidate[],
  context: MjSubmitContext,
  deps: MidjourneyDeps,
) {
  const { relay } = deps;
  const selection = selectRoute(candidates, { health: relay.routeHealth, random: relay.random });
  return runAttemptSeries(planAttempts(selection, relay), context, relay, async (attempt, signal) => {
    const target = { baseUrl: attempt.channel.baseUrl, apiKey: attempt.apiKey, headers: attempt.channel.headers };
    const body = await callMjProxy(encodeMjSubmit(target, submission.route, fields), attempt.channel, signal);
    const answer = readAnswer(body);
    // A full queue is this proxy's state, not the task's: another proxy may take it.
    if (answer.code === MJ_CODE.queueRejected) throw upstreamFault(new MjRefusal(answer.code, answer.description));
    return { answer, channelId: attempt.channel.id, vendor: attempt.channel.vendor };
  });
}

function readAnswer(body: unknown) {
  try {
    return decodeMjSubmitAnswer(body);
  } catch (error) {
    throw error instanceof GatewayError ? upstreamFault(error) : error;
  }
}
