/**
 * midjourney-proxy's API (novicezk/midjourney-proxy, which AIHub's `/mj` serves): a submission
 * (`/mj/submit/imagine`, `/mj/submit/action`) answers `{code, description, result: taskId}`;
 * `GET /mj/task/{id}/fetch` reports the task, its `progress` ("42%"), `imageUrl` and the
 * `buttons` of the Discord message it produced, whose `customId` is what `/mj/submit/action`
 * takes to press one. Pure.
 */
export interface MjSubmitResult {
  code: number;
  description?: string;
  result?: string;
  properties?: Record<string, unknown>;
}

export interface MjButton {
  customId: string;
  emoji?: string;
  label?: string;
  type?: number;
  style?: number;
}

export interface MjTask {
  id: string;
  action?: string;
  status: string;
  prompt?: string;
  promptEn?: string;
  description?: string;
  /** "0%".."100%". */
  progress?: string;
  imageUrl?: string | null;
  failReason?: string | null;
  submitTime?: number;
  finishTime?: number;
  buttons?: MjButton[];
}

/** Submission codes that started (or found) a task: 1 submitted, 21 already exists, 22 queued. */
const ACCEPTED = new Set([1, 21, 22]);

/** The task id of an accepted submission; an Error with the proxy's description otherwise. */
export function submittedTaskId(answer: MjSubmitResult): string {
  if (ACCEPTED.has(answer.code) && answer.result) return answer.result;
  throw new Error(answer.description || `Midjourney refused the task (code ${answer.code}).`);
}

export function isMjFinished(status: string): boolean {
  return status === 'SUCCESS' || status === 'FAILURE' || status === 'CANCEL';
}

/** "42%" → 42; a finished task is 100. */
export function mjProgress(task: Pick<MjTask, 'status' | 'progress'>): number {
  if (task.status === 'SUCCESS') return 100;
  const value = Number.parseFloat(task.progress ?? '');
  return Number.isFinite(value) ? Math.max(0, Math.min(100, Math.round(value))) : 0;
}

/**
 * Buttons pressed with one `/mj/submit/action` call: upscale (U1..U4), variation (V1..V4),
 * reroll, zoom out, pan, vary. Left out: those that open a Discord form first (Custom Zoom,
 * Vary (Region): `/mj/submit/modal` with a prompt or mask) and the bookmark, which makes no image.
 */
const NEEDS_MORE = /^MJ::(CustomZoom|Inpaint|BOOKMARK)::/;

export interface ActionButton {
  customId: string;
  /** What the button says: its label, else its emoji, else the action's name. */
  text: string;
}

export function actionButtons(buttons: readonly MjButton[] | undefined): ActionButton[] {
  const out: ActionButton[] = [];
  for (const button of buttons ?? []) {
    if (!button.customId || NEEDS_MORE.test(button.customId)) continue;
    const action = button.customId.split('::')[2] ?? button.customId;
    out.push({ customId: button.customId, text: button.label?.trim() || button.emoji?.trim() || action });
  }
  return out;
}
