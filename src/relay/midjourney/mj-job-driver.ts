import { GatewayError } from '../../ir/index.js';
import type { JobDriver, JobPollResult } from '../../jobs/job-driver.js';
import { decodeMjTaskList } from '../../providers/midjourney/decode-upstream.js';
import { encodeMjTaskLookup } from '../../providers/midjourney/encode-upstream.js';
import type { KeyRotation } from '../../routing/key-rotation.js';
import type { ModelRouter } from '../../routing/model-router.js';
import { upstreamFault } from '../../upstream/upstream-fault.js';
import { MJ_JOB_KIND, type MjJob, mjJobRequest } from './mj-job.js';
import { mjPollResult } from './mj-poll-result.js';
import { callMjProxy } from './mj-proxy-call.js';

/**
 * Looks at one Midjourney job's task at the proxy that took it (`list-by-condition` with its
 * upstream id) for the job poller. A throw means "could not tell this time" (the channel is gone
 * for now, a network error, a 5xx): the poller looks again later, until the job's deadline.
 */
export class MjJobDriver implements JobDriver {
  readonly kind = MJ_JOB_KIND;

  constructor(private readonly relay: { router: ModelRouter; keys: KeyRotation }) {}

  async poll(job: Pick<MjJob, 'channelId' | 'upstreamId' | 'request'>, signal: AbortSignal): Promise<JobPollResult> {
    const request = mjJobRequest(job);
    if (!request || !job.upstreamId) {
      return { state: 'failed', error: { code: 'mj_task_lost', message: 'The task record is incomplete.' } };
    }
    const channel = this.relay.router.channelById(job.channelId);
    const key = channel ? this.relay.keys.order(channel)[0] : undefined;
    if (!channel || !key) {
      throw new GatewayError({
        kind: 'no_channel',
        message: 'The Midjourney channel of this task is not available.',
        code: 'no_available_channel',
      });
    }
    const target = { baseUrl: channel.baseUrl, apiKey: key.key, headers: channel.headers };
    const body = await callMjProxy(encodeMjTaskLookup(target, [job.upstreamId]), channel, signal);
    let tasks: ReturnType<typeof decodeMjTaskList>;
    try {
      tasks = decodeMjTaskList(body);
    } catch (error) {
      throw error instanceof GatewayError ? upstreamFault(error) : error;
    }
    return mjPollResult(
      request,
      tasks.find((task) => task.id === job.upstreamId),
    );
  }
}
