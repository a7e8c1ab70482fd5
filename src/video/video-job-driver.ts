import { GatewayError } from '../ir/index.js';
import type { JobDriver, JobPollResult } from '../jobs/job-driver.js';
import type { MediaJob } from '../jobs/job-types.js';
import type { Provider, ProviderId } from '../providers/provider.js';
import type { Channel } from '../routing/channel.js';
import type { VideoJobRequest } from './video-types.js';
import { pollVideo, type VideoTarget } from './video-upstream.js';

export interface VideoChannelLookup {
  /** The live channels (the registry's set; it changes at run time). */
  channels: () => readonly Channel[];
  providers: Record<ProviderId, Provider>;
}

/**
 * The channel and key a job was submitted with: the vendor knows the job under that key only.
 * A channel or key that is gone (removed, disabled) is an error the poller retries until the
 * job's deadline, when the hold is released.
 */
export function videoTargetOf(job: MediaJob, lookup: VideoChannelLookup): VideoTarget {
  const channel = lookup.channels().find((candidate) => candidate.id === job.channelId);
  const keyId = (job.request as VideoJobRequest).channelKeyId;
  const key = channel?.keys.find((candidate) => candidate.id === keyId);
  if (!channel || !key) {
    throw new GatewayError({
      kind: 'no_channel',
      message: 'The channel (or the key) that took this video is no longer enabled.',
      code: 'channel_unavailable',
    });
  }
  return { channel, apiKey: key.key, upstreamModel: job.upstreamModel };
}

/** Polls video jobs at their vendors (OpenAI videos, Veo operations). */
export function videoJobDriver(lookup: VideoChannelLookup): JobDriver {
  return {
    kind: 'video',
    async poll(job: MediaJob, signal: AbortSignal): Promise<JobPollResult> {
      if (!job.upstreamId) throw new Error(`video job ${job.id} has no upstream id`);
      const target = videoTargetOf(job, lookup);
      return pollVideo(
        job.upstreamId,
        job.request as VideoJobRequest,
        target,
        lookup.providers[target.channel.provider],
        signal,
      );
    },
  };
}
