import { describe, expect, it } from 'vitest';
import { addJob, MAX_REMEMBERED_JOBS, parseJobs, type RememberedJob } from './job-memory';

const job = (id: string, kind: RememberedJob['kind'] = 'video'): RememberedJob => ({
  kind,
  id,
  requestId: `req_${id}`,
  createdAt: 1,
});

describe('addJob', () => {
  it('puts the newest first and replaces an earlier entry of the same job', () => {
    const jobs = addJob(addJob(addJob([], job('a')), job('b')), { ...job('a'), prompt: 'again' });
    expect(jobs.map((entry) => entry.id)).toEqual(['a', 'b']);
    expect(jobs[0]?.prompt).toBe('again');
  });

  it('keeps a video and a Midjourney task with the same id apart', () => {
    expect(addJob([job('1', 'video')], job('1', 'midjourney'))).toHaveLength(2);
  });

  it('keeps at most the newest MAX_REMEMBERED_JOBS', () => {
    let jobs: RememberedJob[] = [];
    for (let index = 0; index < MAX_REMEMBERED_JOBS + 5; index++) jobs = addJob(jobs, job(String(index)));
    expect(jobs).toHaveLength(MAX_REMEMBERED_JOBS);
    expect(jobs[0]?.id).toBe(String(MAX_REMEMBERED_JOBS + 4));
  });
});

describe('parseJobs', () => {
  it('reads what was stored and drops what is not a job', () => {
    const stored = JSON.stringify([job('a'), { kind: 'chat', id: 'x', createdAt: 1, requestId: null }, 'junk', null]);
    expect(parseJobs(stored)).toEqual([job('a')]);
  });

  it('reads nothing from empty, broken or non-list storage', () => {
    expect(parseJobs(null)).toEqual([]);
    expect(parseJobs('{')).toEqual([]);
    expect(parseJobs('{"a":1}')).toEqual([]);
  });
});
