/**
 * The Midjourney proxy's wire format (novicezk/midjourney-proxy and its "plus" successors, which
 * one-api/new-api relay): what `/mj/submit/*` answers and what `/mj/task/{id}/fetch` returns. The
 * same shapes travel both ways: AIHub answers its clients in them, with its own task ids.
 */

/** `code` of a submission's answer (the proxy's ReturnCode). */
export const MJ_CODE = {
  success: 1,
  notFound: 3,
  validationError: 4,
  failure: 9,
  /** Already exists: the task is the one in `result` (an action done before, or one waiting for its modal). */
  existed: 21,
  /** Accepted and queued behind others: a task like `success`. */
  inQueue: 22,
  queueRejected: 23,
  bannedPrompt: 24,
} as const;

/** `{code, description, result}`: a submission's answer, or any refusal, in the proxy's envelope. */
export interface MjSubmitAnswer {
  code: number;
  description: string;
  /** The task id (AIHub's, to clients); null when nothing was submitted. */
  result: string | null;
  properties?: Record<string, unknown>;
}

export type MjTaskStatus = 'NOT_START' | 'SUBMITTED' | 'MODAL' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE' | 'CANCEL';

/** A button under a task's image: `customId` is what `/mj/submit/action` takes to press it. */
export interface MjButton {
  customId: string;
  emoji: string;
  label: string;
  type?: number;
  style?: number;
}

/** A task as `/mj/task/{id}/fetch` returns it. */
export interface MjTask {
  id: string;
  action: string;
  status: MjTaskStatus;
  prompt: string;
  promptEn: string;
  description: string;
  state: string;
  submitTime: number | null;
  startTime: number | null;
  finishTime: number | null;
  imageUrl: string;
  progress: string;
  failReason: string;
  buttons: MjButton[];
  properties: Record<string, unknown>;
}

/** Statuses after which a task changes no more. */
export function isFinalStatus(status: MjTaskStatus): boolean {
  return status === 'SUCCESS' || status === 'FAILURE' || status === 'CANCEL';
}
