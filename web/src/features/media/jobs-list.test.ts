import { describe, expect, it } from 'vitest';
import { jobRows } from './jobs-list';

describe('jobRows', () => {
  it('joins the listed jobs with the request ids remembered for them, newest first', () => {
    const rows = jobRows(
      [
        { kind: 'video', id: 'video_1', requestId: 'req_v1', createdAt: 1_000, model: 'sora-2', prompt: 'boat' },
        { kind: 'midjourney', id: '1712', requestId: 'req_m1', createdAt: 3_000, prompt: 'cat' },
      ],
      [
        { id: 'video_1', status: 'in_progress', progress: 30, model: 'sora-2', created_at: 2 },
        { id: 'video_2', status: 'completed', progress: 100, model: 'sora-2', created_at: 1 },
      ],
      [{ id: '1712', status: 'SUCCESS', action: 'IMAGINE', progress: '100%', prompt: 'cat --v 6', submitTime: 2_500 }],
    );
    expect(rows.map((row) => [row.kind, row.id, row.status, row.progress, row.requestId])).toEqual([
      ['midjourney', '1712', 'SUCCESS', 100, 'req_m1'],
      ['video', 'video_1', 'in_progress', 30, 'req_v1'],
      ['video', 'video_2', 'completed', 100, null],
    ]);
    expect(rows[0]).toMatchObject({ finished: true, succeeded: true, what: 'IMAGINE', prompt: 'cat --v 6' });
    expect(rows[1]).toMatchObject({ finished: false, succeeded: false, what: 'sora-2', createdAt: 2_000 });
  });

  it('keeps a remembered job the APIs no longer list, with its status unknown', () => {
    const rows = jobRows([{ kind: 'midjourney', id: 'gone', requestId: 'req_g', createdAt: 5 }], [], []);
    expect(rows).toEqual([
      {
        kind: 'midjourney',
        id: 'gone',
        status: 'unknown',
        finished: true,
        succeeded: false,
        progress: 0,
        what: 'IMAGINE',
        prompt: '',
        createdAt: 5,
        requestId: 'req_g',
      },
    ]);
  });
});
