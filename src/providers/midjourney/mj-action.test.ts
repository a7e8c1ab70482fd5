import { describe, expect, it } from 'vitest';
import { actionOfCustomId, mjUnitKey } from './mj-action.js';

describe('actionOfCustomId', () => {
  it.each([
    ['MJ::JOB::upsample::2::3dbbd469-36af-4a0f-8f02-df6c579e7011', 'upscale'],
    ['MJ::JOB::upsample_v6_2x_subtle::1::3dbbd469::SOLO', 'upscale'],
    ['MJ::JOB::variation::3::3dbbd469', 'variation'],
    ['MJ::JOB::high_variation::1::3dbbd469::SOLO', 'variation'],
    ['MJ::JOB::low_variation::1::3dbbd469::SOLO', 'variation'],
    ['MJ::JOB::reroll::0::3dbbd469::SOLO', 'reroll'],
    ['MJ::JOB::pan_left::1::3dbbd469::SOLO', 'pan'],
    ['MJ::Outpaint::50::1::3dbbd469::SOLO', 'zoom'],
    ['MJ::CustomZoom::3dbbd469', 'custom_zoom'],
    ['MJ::Inpaint::1::3dbbd469::SOLO', 'inpaint'],
  ])('%s is %s', (customId, action) => {
    expect(actionOfCustomId(customId)).toBe(action);
  });

  it.each(['', 'MJ', 'MJ::JOB', 'XX::JOB::upsample::1::h', 'MJ::JOB::bookmark::1::h', 'MJ::::x'])(
    'names no action: %j',
    (customId) => {
      expect(actionOfCustomId(customId)).toBeUndefined();
    },
  );
});

describe('mjUnitKey', () => {
  it('prices billed actions per action and leaves the form openers to their modal', () => {
    expect(mjUnitKey('imagine')).toBe('mj:imagine');
    expect(mjUnitKey('modal')).toBe('mj:modal');
    expect(mjUnitKey('custom_zoom')).toBeUndefined();
    expect(mjUnitKey('inpaint')).toBeUndefined();
  });
});
