/**
 * A Midjourney proxy (novicezk/midjourney-proxy and its "plus" API, as one-api/new-api relay it):
 * `POST /mj/submit/{imagine,action,blend,describe,modal}` answering `{code, description, result}`,
 * `GET /mj/task/{id}/fetch`, `POST /mj/task/list-by-condition`, `GET /mj/task/{id}/image-seed`,
 * and the images themselves under `/attachments/`. Auth: `mj-api-secret`.
 *
 * Tasks advance one step each time they are looked at (fetch or list): NOT_START → IN_PROGRESS
 * (with a progress and a preview image) → SUCCESS (100%, the image, and the buttons of its
 * action). A prompt containing "fail" ends in FAILURE instead; one containing "banned" is refused
 * at submission with code 24, as the proxy refuses a banned word. `failNext(status, times)`
 * answers the next submissions or lookups with that HTTP status.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from './server.js';

export interface MidjourneyTaskState {
  id: string;
  action: string;
  status: 'NOT_START' | 'SUBMITTED' | 'MODAL' | 'IN_PROGRESS' | 'SUCCESS' | 'FAILURE';
  prompt: string;
  promptEn: string;
  description: string;
  state: string;
  submitTime: number;
  startTime: number | null;
  finishTime: number | null;
  imageUrl: string;
  progress: string;
  failReason: string;
  buttons: { customId: string; emoji: string; label: string; type: number; style: number }[];
  properties: Record<string, unknown>;
  /** Looks before it ends (emulator bookkeeping, not on the wire). */
  looksLeft: number;
  /** The Discord message's hash, in the buttons' customIds (not the task id, as on Discord). */
  messageHash: string;
  fails: boolean;
}

export interface MidjourneyRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface MidjourneyEmulator {
  /** The host root, as `MIDJOURNEY_BASE_URL` takes it. */
  readonly url: string;
  readonly requests: MidjourneyRequest[];
  readonly tasks: Map<string, MidjourneyTaskState>;
  /** Answers the next `times` `/mj/*` requests with `status` (a JSON error body). */
  failNext(status: number, times?: number): void;
  reset(): void;
  close(): Promise<void>;
}

export interface MidjourneyEmulatorOptions {
  apiKey?: string;
  /** Looks a task takes to finish after it is submitted (default 2: in progress, then done). */
  looksToFinish?: number;
}

/** A 1×1 PNG: what every task's image is. */
export const EMULATED_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

export async function startMidjourneyEmulator(options: MidjourneyEmulatorOptions = {}): Promise<MidjourneyEmulator> {
  const apiKey = options.apiKey ?? 'test-key';
  const looksToFinish = options.looksToFinish ?? 2;
  const requests: MidjourneyRequest[] = [];
  const tasks = new Map<string, MidjourneyTaskState>();
  let faults: { status: number; left: number } | undefined;
  let sequence = 0;
  let origin = '';

  const newTask = (action: string, prompt: string, state: string): MidjourneyTaskState => {
    sequence += 1;
    const id = `${1_712_000_000_000 + sequence}`;
    const task: MidjourneyTaskState = {
      id,
      action,
      status: 'NOT_START',
      prompt,
      promptEn: prompt,
      description: `/${action.toLowerCase()} ${prompt}`.trim(),
      state,
      submitTime: Date.now(),
      startTime: null,
      finishTime: null,
      imageUrl: '',
      progress: '0%',
      failReason: '',
      buttons: [],
      properties: {},
      looksLeft: looksToFinish,
      messageHash: randomUUID(),
      fails: /fail/i.test(prompt),
    };
    tasks.set(id, task);
    return task;
  };

  const look = (task: MidjourneyTaskState): MidjourneyTaskState => {
    if (task.status === 'SUCCESS' || task.status === 'FAILURE' || task.status === 'MODAL') return task;
    task.looksLeft -= 1;
    if (task.looksLeft > 0) {
      task.status = 'IN_PROGRESS';
      task.startTime ??= Date.now();
      task.progress = `${Math.round(100 * (1 - task.looksLeft / (looksToFinish + 1)))}%`;
      task.imageUrl = `${origin}/attachments/${task.messageHash}-preview.png`;
      return task;
    }
    task.finishTime = Date.now();
    if (task.fails) {
      task.status = 'FAILURE';
      task.failReason = 'Job failed: the image could not be generated';
      task.progress = '';
      task.imageUrl = '';
      return task;
    }
    task.status = 'SUCCESS';
    task.progress = '100%';
    task.imageUrl = `${origin}/attachments/${task.messageHash}.png`;
    task.buttons = buttonsAfter(task.action, task.messageHash);
    if (task.action === 'DESCRIBE') task.properties = { finalPrompt: '1️⃣ a cat --ar 1:1\n\n2️⃣ a dog --ar 1:1' };
    return task;
  };

  const submit = (route: string, body: Record<string, unknown>): [number, unknown] => {
    const state = typeof body.state === 'string' ? body.state : '';
    switch (route) {
      case 'imagine': {
        const prompt = body.prompt;
        if (typeof prompt !== 'string' || !prompt) return [200, refusal(4, 'prompt不能为空')];
        if (/banned/i.test(prompt)) {
          return [200, { ...refusal(24, '可能包含敏感词'), properties: { promptEn: prompt, bannedWord: 'banned' } }];
        }
        return [200, accepted(newTask('IMAGINE', prompt, state).id)];
      }
      case 'blend': {
        const images = body.base64Array;
        if (!Array.isArray(images) || images.length < 2 || images.length > 5) {
          return [200, refusal(4, 'base64List参数错误')];
        }
        return [200, accepted(newTask('BLEND', '', state).id)];
      }
      case 'describe': {
        if (typeof body.base64 !== 'string' || !body.base64) return [200, refusal(4, 'base64不能为空')];
        return [200, accepted(newTask('DESCRIBE', '', state).id)];
      }
      case 'action': {
        const source = tasks.get(String(body.taskId));
        if (!source) return [200, refusal(3, '关联任务不存在或已失效')];
        const button = source.buttons.find((candidate) => candidate.customId === body.customId);
        if (source.status !== 'SUCCESS' || !button) return [200, refusal(4, '关联任务状态错误')];
        const action = actionOf(String(body.customId));
        const task = newTask(action, source.prompt, state);
        if (action === 'MODAL') {
          task.status = 'MODAL';
          return [200, { code: 21, description: 'Waiting for window confirm', result: task.id, properties: {} }];
        }
        return [200, accepted(task.id)];
      }
      case 'modal': {
        const task = tasks.get(String(body.taskId));
        if (task?.status !== 'MODAL') return [200, refusal(3, '关联任务不存在或已失效')];
        task.action = 'ZOOM';
        task.status = 'SUBMITTED';
        if (typeof body.prompt === 'string') task.prompt = body.prompt;
        return [200, accepted(task.id)];
      }
      default:
        return [404, { code: 3, description: 'not found' }];
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const path = url.pathname;
    const image = /^\/attachments\/([\w-]+)\.png$/.exec(path);
    if (req.method === 'GET' && image) {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': EMULATED_PNG.length });
      res.end(EMULATED_PNG);
      return;
    }
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      return json(res, 400, { code: 4, description: 'JSON parse error' });
    }
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    if (req.headers['mj-api-secret'] !== apiKey) return json(res, 401, { code: 4, description: 'Unauthorized' });
    if (faults && faults.left > 0) {
      faults.left -= 1;
      return json(res, faults.status, { code: 9, description: `emulated ${faults.status}` });
    }
    const submitted = /^\/mj\/submit\/(\w+)$/.exec(path);
    if (req.method === 'POST' && submitted?.[1]) {
      const [status, answer] = submit(submitted[1], (body ?? {}) as Record<string, unknown>);
      return json(res, status, answer);
    }
    const fetched = /^\/mj\/task\/([^/]+)\/fetch$/.exec(path);
    if (req.method === 'GET' && fetched?.[1]) {
      const task = tasks.get(fetched[1]);
      // The proxy answers an unknown id with 200 and no body (its controller returns null).
      if (!task) return res.writeHead(200).end();
      return json(res, 200, wire(look(task)));
    }
    if (req.method === 'POST' && path === '/mj/task/list-by-condition') {
      const ids = (body as { ids?: unknown })?.ids;
      const found = Array.isArray(ids)
        ? ids.map((id) => tasks.get(String(id))).filter((task) => task !== undefined)
        : [];
      return json(
        res,
        200,
        found.map((task) => wire(look(task))),
      );
    }
    const seed = /^\/mj\/task\/([^/]+)\/image-seed$/.exec(path);
    if (req.method === 'GET' && seed?.[1]) {
      const task = tasks.get(seed[1]);
      if (task?.status !== 'SUCCESS') return json(res, 200, refusal(3, '任务不存在或未完成'));
      return json(res, 200, { code: 1, description: '成功', result: `${Number(task.id) % 4_294_967_296}` });
    }
    return json(res, 404, { code: 3, description: 'not found' });
  };

  const listening = await listen((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  origin = `http://127.0.0.1:${listening.port}`;
  return {
    url: origin,
    requests,
    tasks,
    failNext(status, times = 1) {
      faults = { status, left: times };
    },
    reset() {
      requests.length = 0;
      tasks.clear();
      faults = undefined;
    },
    close: () => listening.close(),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function accepted(id: string) {
  return { code: 1, description: '提交成功', result: id, properties: { discordInstanceId: '1118138338562560102' } };
}

function refusal(code: number, description: string) {
  return { code, description, result: null, properties: {} };
}

/** The task as the proxy sends it (without the emulator's bookkeeping). */
function wire(task: MidjourneyTaskState) {
  const { looksLeft: _looks, fails: _fails, messageHash: _hash, ...rest } = task;
  return rest;
}

function actionOf(customId: string): string {
  if (customId.includes('::upsample::')) return 'UPSCALE';
  if (customId.includes('variation::')) return 'VARIATION';
  if (customId.includes('::reroll::')) return 'REROLL';
  if (customId.includes('::pan_')) return 'PAN';
  if (customId.includes('::Outpaint::')) return 'ZOOM';
  return 'MODAL';
}

/** The buttons Midjourney puts under a grid (imagine, variation, reroll, blend) or an upscaled image. */
function buttonsAfter(action: string, hash: string) {
  const button = (customId: string, label: string, emoji = '') => ({ customId, label, emoji, type: 2, style: 2 });
  if (action === 'DESCRIBE') return [];
  if (action === 'UPSCALE') {
    return [
      button(`MJ::JOB::high_variation::1::${hash}::SOLO`, 'Vary (Strong)', '🪄'),
      button(`MJ::JOB::low_variation::1::${hash}::SOLO`, 'Vary (Subtle)', '🪄'),
      button(`MJ::Outpaint::50::1::${hash}::SOLO`, 'Zoom Out 2x', '🔍'),
      button(`MJ::CustomZoom::${hash}`, 'Custom Zoom', '🔍'),
      button(`MJ::JOB::pan_left::1::${hash}::SOLO`, '', '⬅️'),
    ];
  }
  return [
    ...[1, 2, 3, 4].map((index) => button(`MJ::JOB::upsample::${index}::${hash}`, `U${index}`)),
    button(`MJ::JOB::reroll::0::${hash}::SOLO`, '', '🔄'),
    ...[1, 2, 3, 4].map((index) => button(`MJ::JOB::variation::${index}::${hash}`, `V${index}`)),
  ];
}
