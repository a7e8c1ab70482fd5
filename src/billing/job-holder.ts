/**
 * The holder recorded on a durable reservation (Ledger.reserve with `durable`): not an instance,
 * so no heartbeat decides its fate; the job that owns it (a video, a Midjourney task) settles or
 * releases it from whichever replica polls it, and the orphan sweep leaves it alone.
 */
export const JOB_HOLDER = 'jobs';
