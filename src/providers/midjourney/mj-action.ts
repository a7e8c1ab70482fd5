/**
 * What a Midjourney submission does, as billing names it (`mj:<action>` units, DESIGN.md and the
 * README's Midjourney section). The proxy routes tell most of them; `/mj/submit/action` carries
 * it in the pressed button's `customId` (`MJ::JOB::upsample::2::<hash>`, `MJ::Outpaint::50::1::
 * <hash>::SOLO`, `MJ::CustomZoom::<hash>`...), read here the way new-api's relay reads it.
 */
export const MJ_BILLED_ACTIONS = [
  'imagine',
  'upscale',
  'variation',
  'reroll',
  'zoom',
  'pan',
  'blend',
  'describe',
  'modal',
] as const;

export type MjBilledAction = (typeof MJ_BILLED_ACTIONS)[number];

/**
 * A submission: a billed action, or a button that only opens a form (Custom Zoom, Vary Region):
 * the proxy answers those with code 21 and a task waiting for `/mj/submit/modal`, which is what
 * is charged (as `modal`).
 */
export type MjAction = MjBilledAction | 'custom_zoom' | 'inpaint';

/** The unit key billing prices an action at (undefined: not charged itself). */
export function mjUnitKey(action: MjAction): string | undefined {
  return action === 'custom_zoom' || action === 'inpaint' ? undefined : `mj:${action}`;
}

/** The button's action; undefined for a customId that names none of the proxy's buttons. */
export function actionOfCustomId(customId: string): MjAction | undefined {
  const parts = customId.split('::');
  if (parts[0] !== 'MJ' || parts.length < 3) return undefined;
  const name = parts[1] === 'JOB' ? parts[2] : parts[1];
  if (!name) return undefined;
  if (name.startsWith('upsample')) return 'upscale';
  if (name === 'variation' || name === 'low_variation' || name === 'high_variation') return 'variation';
  if (name === 'reroll') return 'reroll';
  if (name.startsWith('pan_')) return 'pan';
  if (name === 'Outpaint') return 'zoom';
  if (name === 'CustomZoom') return 'custom_zoom';
  if (name === 'Inpaint') return 'inpaint';
  return undefined;
}
