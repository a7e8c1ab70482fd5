import type { JobHolds } from '../jobs/job-holds.js';
import type { JobStore } from '../jobs/job-store.js';
import type { MediaJob } from '../jobs/job-types.js';
import { selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { VIDEO_JOB_KIND, type VideoJobRequest, type VideoRequest } from '../video/video-types.js';
import { servesVideo, submitVideo } from '../video/video-upstream.js';
import { admitRequest } from './admit-request.js';
import { type AttemptPlan, type PlannedAttempt, planAttempts } from './attempt-plan.js';
import { runAttemptSeries } from './attempt-series.js';
import { assertModelAllowed } from './model-permission.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';
import { servingRoutes } from './serving-routes.js';

/** What the video routes need beyond the relay's parts. */
export interface VideoDeps {
  jobs: JobStore;
  holds: JobHolds;
  newJobId: () => string;
  /** How long a job may run before it is given up and released (default 2 hours). */
  jobDeadlineMs?: number;
  /** First look at a new job (default 5 s). */
  firstPollDelayMs?: number;
}

export interface VideoSubmission {
  requestId: string;
  caller: RelayCaller;
  request: VideoRequest;
  trace: RelayTrace;
  signal: AbortSignal;
}

/**
 * `POST /v1/videos`: the key's model rules and rate limits, a DURABLE hold of the worst case
 * (the seconds asked at the price of the size asked, unit `video_second:<size>`), the submission
 * tried across the model's channels like any relay attempt (a 429/5xx moves on; a refusal of the
 * prompt is the caller's 400, released and never counted against the channel), then the job row
 * the pollers take over. Any failure before the row exists releases the hold.
 */
export async function submitVideoJob(context: VideoSubmission, deps: RelayDeps, video: VideoDeps): Promise<MediaJob> {
  const { caller, request } = context;
  assertModelAllowed(caller, request.model);
  const candidates = servingRoutes(deps, caller, request.model, {
    serves: (candidate) => servesVideo(candidate.channel.provider, candidate.upstreamModel),
    offering: 'makes videos',
  });
  const ticket = await admitRequest(deps, caller, request.model, 0);
  try {
    return await submitAdmitted(candidates, context, deps, video);
  } finally {
    ticket.release(0);
  }
}

async function submitAdmitted(
  candidates: RouteCandidate[],
  context: VideoSubmission,
  deps: RelayDeps,
  video: VideoDeps,
): Promise<MediaJob> {
  const { caller, request, requestId } = context;
  const selection = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
  const route = selection.channels[0] ?? selection.lastResort?.candidate ?? candidates[0];
  const worst = { [`video_second:${request.size}`]: request.seconds };
  const pricing = { requestId, model: request.model, vendor: route.channel.vendor, upstreamModel: route.upstreamModel };
  await video.holds.hold({ ...pricing, caller, worst, unitParam: 'size' });
  const now = deps.now();
  const stored: VideoJobRequest = {
    prompt: request.prompt,
    seconds: request.seconds,
    size: request.size,
    channelKeyId: '',
    caller: { group: caller.group, metered: caller.metered },
  };
  const draft: MediaJob = {
    id: video.newJobId(),
    kind: VIDEO_JOB_KIND,
    userId: caller.userId,
    keyId: caller.keyId,
    requestId,
    channelId: route.channel.id,
    vendor: pricing.vendor,
    model: request.model,
    upstreamModel: pricing.upstreamModel,
    upstreamId: null,
    status: 'queued',
    progress: 0,
    request: stored,
    result: null,
    error: null,
    units: null,
    cost: 0,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    nextPollAt: now + (video.firstPollDelayMs ?? 5_000),
    pollFailures: 0,
    leaseOwner: null,
    leaseUntil: 0,
    deadlineAt: now + (video.jobDeadlineMs ?? 2 * 3_600_000),
  };
  try {
    const { attempt, upstreamId } = await runSubmissionAttempts(request, planAttempts(selection, deps), context, deps);
    const job: MediaJob = {
      ...draft,
      channelId: attempt.channel.id,
      upstreamModel: attempt.upstreamModel,
      upstreamId,
      request: { ...stored, channelKeyId: attempt.keyId },
    };
    await video.jobs.create(job);
    return job;
  } catch (error) {
    await video.holds.settle(draft, undefined);
    throw error;
  }
}

/** The submission attempts, through the shared attempt loop: a retryable upstream failure moves on. */
function runSubmissionAttempts(
  request: VideoRequest,
  plan: AttemptPlan,
  context: VideoSubmission,
  deps: RelayDeps,
): Promise<{ attempt: PlannedAttempt; upstreamId: string }> {
  return runAttemptSeries(plan, context, deps, async (attempt, signal) => {
    const provider = deps.providers[attempt.channel.provider];
    return { attempt, upstreamId: await submitVideo(request, attempt, provider, signal) };
  });
}
