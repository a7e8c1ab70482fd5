import { z } from 'zod';
import { GatewayError } from '../../ir/index.js';
import type { MjButton, MjTask, MjTaskStatus } from './mj-wire.js';

/**
 * The proxy's answers, read leniently (new fields tolerated, absent ones defaulted): a
 * submission's `{code, description, result}` and its task objects. A body that is not one is the
 * upstream's failure (the caller marks it so), never the client's.
 */

const submitAnswerSchema = z.looseObject({
  code: z.number(),
  description: z.string().nullish(),
  result: z.union([z.string(), z.number()]).nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});

export interface UpstreamSubmitAnswer {
  code: number;
  description: string;
  /** The upstream's task id; absent when the proxy refused the submission. */
  upstreamId?: string;
  properties: Record<string, unknown>;
}

export function decodeMjSubmitAnswer(body: unknown): UpstreamSubmitAnswer {
  const parsed = submitAnswerSchema.safeParse(body);
  if (!parsed.success) throw malformed('a submission answer');
  const { code, description, result, properties } = parsed.data;
  const answer: UpstreamSubmitAnswer = { code, description: description ?? '', properties: properties ?? {} };
  if (result !== null && result !== undefined && String(result) !== '') answer.upstreamId = String(result);
  return answer;
}

const STATUSES: readonly MjTaskStatus[] = [
  'NOT_START',
  'SUBMITTED',
  'MODAL',
  'IN_PROGRESS',
  'SUCCESS',
  'FAILURE',
  'CANCEL',
];

const buttonSchema = z.looseObject({
  customId: z.string(),
  emoji: z.string().nullish(),
  label: z.string().nullish(),
  type: z.number().nullish(),
  style: z.number().nullish(),
});

const text = z.string().nullish();
const time = z.number().nullish();

const taskSchema = z.looseObject({
  id: z.union([z.string(), z.number()]),
  action: text,
  status: text,
  prompt: text,
  promptEn: text,
  description: text,
  state: text,
  submitTime: time,
  startTime: time,
  finishTime: time,
  imageUrl: text,
  progress: text,
  failReason: text,
  buttons: z.array(z.unknown()).nullish(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});

/** The upstream's task (its own id in `id`). An unknown status reads as IN_PROGRESS: look again. */
export function decodeMjTask(body: unknown): MjTask {
  const parsed = taskSchema.safeParse(body);
  if (!parsed.success) throw malformed('a task');
  const task = parsed.data;
  const status = STATUSES.find((known) => known === task.status) ?? (task.status ? 'IN_PROGRESS' : 'NOT_START');
  const buttons: MjButton[] = [];
  for (const item of task.buttons ?? []) {
    const button = buttonSchema.safeParse(item);
    if (!button.success) continue;
    const { customId, emoji, label, type, style } = button.data;
    buttons.push({
      customId,
      emoji: emoji ?? '',
      label: label ?? '',
      ...(type !== null && type !== undefined ? { type } : {}),
      ...(style !== null && style !== undefined ? { style } : {}),
    });
  }
  return {
    id: String(task.id),
    action: task.action ?? '',
    status,
    prompt: task.prompt ?? '',
    promptEn: task.promptEn ?? '',
    description: task.description ?? '',
    state: task.state ?? '',
    submitTime: task.submitTime ?? null,
    startTime: task.startTime ?? null,
    finishTime: task.finishTime ?? null,
    imageUrl: task.imageUrl ?? '',
    progress: task.progress ?? '',
    failReason: task.failReason ?? '',
    buttons,
    properties: task.properties ?? {},
  };
}

/** `/mj/task/list-by-condition`: an array of tasks (entries that are not are skipped). */
export function decodeMjTaskList(body: unknown): MjTask[] {
  if (!Array.isArray(body)) throw malformed('a task list');
  const tasks: MjTask[] = [];
  for (const item of body) {
    try {
      tasks.push(decodeMjTask(item));
    } catch {
      // One odd entry must not hide the others.
    }
  }
  return tasks;
}

/** `"42%"` → 42; anything unreadable → 0. */
export function progressPercent(progress: string): number {
  const match = /^\s*(\d{1,3})(?:\.\d+)?\s*%?\s*$/.exec(progress);
  return match ? Math.min(100, Number(match[1])) : 0;
}

function malformed(what: string): GatewayError {
  return new GatewayError({
    kind: 'upstream_error',
    message: `The Midjourney proxy answered something that is not ${what}.`,
    code: 'upstream_malformed',
  });
}
