import { describe, expect, it } from 'vitest';
import { actionButtons, isMjFinished, mjProgress, submittedTaskId } from './mj-task';

describe('submittedTaskId', () => {
  it.each([1, 21, 22])('takes the task id of code %i', (code) => {
    expect(submittedTaskId({ code, description: 'ok', result: '1712345678901234' })).toBe('1712345678901234');
  });

  it('throws the proxy’s description when refused', () => {
    expect(() => submittedTaskId({ code: 4, description: 'banned prompt: x' })).toThrow('banned prompt: x');
    expect(() => submittedTaskId({ code: 24 })).toThrow(/code 24/);
  });
});

describe('task progress', () => {
  it('reads "42%" as 42 and a finished task as 100', () => {
    expect(mjProgress({ status: 'IN_PROGRESS', progress: '42%' })).toBe(42);
    expect(mjProgress({ status: 'SUBMITTED', progress: '' })).toBe(0);
    expect(mjProgress({ status: 'SUCCESS', progress: '0%' })).toBe(100);
  });

  it('knows when a task has ended', () => {
    expect(['NOT_START', 'SUBMITTED', 'MODAL', 'IN_PROGRESS'].map(isMjFinished)).toEqual([false, false, false, false]);
    expect(['SUCCESS', 'FAILURE', 'CANCEL'].map(isMjFinished)).toEqual([true, true, true]);
  });
});

describe('actionButtons', () => {
  it('offers an imagine grid’s U1..U4, V1..V4 and reroll (by its emoji)', () => {
    const buttons = [
      ...[1, 2, 3, 4].map((index) => ({ customId: `MJ::JOB::upsample::${index}::abc`, emoji: '', label: `U${index}` })),
      { customId: 'MJ::JOB::reroll::0::abc::SOLO', emoji: '🔄', label: '' },
      ...[1, 2, 3, 4].map((index) => ({
        customId: `MJ::JOB::variation::${index}::abc`,
        emoji: '',
        label: `V${index}`,
      })),
    ];
    expect(actionButtons(buttons).map((button) => button.text)).toEqual([
      'U1',
      'U2',
      'U3',
      'U4',
      '🔄',
      'V1',
      'V2',
      'V3',
      'V4',
    ]);
  });

  it('offers an upscale’s zoom, pan and vary, but not those that need a form or make no image', () => {
    const buttons = [
      { customId: 'MJ::JOB::high_variation::1::abc::SOLO', label: 'Vary (Strong)' },
      { customId: 'MJ::Inpaint::1::abc::SOLO', label: 'Vary (Region)' },
      { customId: 'MJ::Outpaint::50::1::abc::SOLO', label: 'Zoom Out 2x' },
      { customId: 'MJ::CustomZoom::abc', label: 'Custom Zoom' },
      { customId: 'MJ::JOB::pan_left::1::abc::SOLO', emoji: '⬅️', label: '' },
      { customId: 'MJ::BOOKMARK::abc', emoji: '❤️', label: '' },
      { customId: 'MJ::JOB::pan_up::1::abc::SOLO' },
      { customId: '', label: 'broken' },
    ];
    expect(actionButtons(buttons)).toEqual([
      { customId: 'MJ::JOB::high_variation::1::abc::SOLO', text: 'Vary (Strong)' },
      { customId: 'MJ::Outpaint::50::1::abc::SOLO', text: 'Zoom Out 2x' },
      { customId: 'MJ::JOB::pan_left::1::abc::SOLO', text: '⬅️' },
      { customId: 'MJ::JOB::pan_up::1::abc::SOLO', text: 'pan_up' },
    ]);
  });
});
