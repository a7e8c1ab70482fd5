import type { MjBilledAction } from '../../providers/midjourney/mj-action.js';

/**
 * Default list prices of Midjourney actions, in units (1e-6 USD) per action: new-api's defaults
 * for its `mj_*` models (setting/ratio_setting/model_ratio.go: $0.10 an action, $0.05 an upscale
 * or a describe), which is what Midjourney proxies are resold at. The operator's multipliers
 * apply to them; a fixed price for `midjourney` (per request) replaces them.
 */
export const MJ_DEFAULT_PRICES: Readonly<Record<MjBilledAction, number>> = {
  imagine: 100_000,
  upscale: 50_000,
  variation: 100_000,
  reroll: 100_000,
  zoom: 100_000,
  pan: 100_000,
  blend: 100_000,
  describe: 50_000,
  modal: 100_000,
};
