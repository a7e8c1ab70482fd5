import { GatewayError } from '../../ir/index.js';
import { actionOfCustomId, type MjAction } from '../../providers/midjourney/mj-action.js';

/** The proxy's submission routes AIHub relays (`POST /mj/submit/<route>`). */
export type MjSubmitRoute = 'imagine' | 'action' | 'blend' | 'describe' | 'modal';

/** A client's submission, checked: what it does and the fields to send upstream. */
export interface MjSubmission {
  route: MjSubmitRoute;
  action: MjAction;
  /**
   * The fields sent to the proxy, as the client gave them (only those its API documents; not
   * `notifyHook`: the upstream would call the client with its own ids and image URLs, and AIHub
   * would have to trust the host. Clients poll `/mj/task/{id}/fetch`). The task id is AIHub's and
   * still to be replaced by the upstream's.
   */
  fields: Record<string, unknown>;
  /** AIHub's id of the task an action or a modal acts on. */
  taskId?: string;
  /** The button pressed (`/mj/submit/action`). */
  customId?: string;
  /** The prompt, for the task record ('' for actions without one). */
  prompt: string;
}

/** At most this many images in `base64Array` (the proxy's blend takes 2 to 5). */
const MAX_IMAGES = 5;
const MAX_PROMPT_CHARS = 8_192;
/** A customId is a Discord component id: 100 characters at most; leave room for the proxy's suffixes. */
const MAX_CUSTOM_ID_CHARS = 256;
const MAX_ID_CHARS = 64;
const BOT_TYPES = ['MID_JOURNEY', 'NIJI_JOURNEY'];
const DIMENSIONS = ['PORTRAIT', 'SQUARE', 'LANDSCAPE'];

/**
 * Checks the body of `POST /mj/submit/<route>` the way the proxy does (required fields, their
 * types) and names the field at fault; throws GatewayError(invalid_request), answered as code 4.
 */
export function decodeMjSubmission(route: MjSubmitRoute, body: unknown): MjSubmission {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('The request body must be a JSON object.', null);
  }
  const input = body as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  copyOptional(input, fields, 'state', (value) => typeof value === 'string' && value.length <= MAX_PROMPT_CHARS);
  switch (route) {
    case 'imagine': {
      const prompt = requiredText(input, 'prompt', MAX_PROMPT_CHARS);
      fields.prompt = prompt;
      copyImages(input, fields, 0);
      copyChoice(input, fields, 'botType', BOT_TYPES);
      return { route, action: 'imagine', fields, prompt };
    }
    case 'blend': {
      copyImages(input, fields, 2);
      copyChoice(input, fields, 'dimensions', DIMENSIONS);
      copyChoice(input, fields, 'botType', BOT_TYPES);
      return { route, action: 'blend', fields, prompt: '' };
    }
    case 'describe': {
      fields.base64 = requiredText(input, 'base64', Number.POSITIVE_INFINITY);
      copyChoice(input, fields, 'botType', BOT_TYPES);
      return { route, action: 'describe', fields, prompt: '' };
    }
    case 'action': {
      const customId = requiredText(input, 'customId', MAX_CUSTOM_ID_CHARS);
      const taskId = requiredText(input, 'taskId', MAX_ID_CHARS);
      const action = actionOfCustomId(customId);
      if (!action) throw invalid(`'customId' names no Midjourney button: ${customId.slice(0, 64)}`, 'customId');
      fields.customId = customId;
      return { route, action, fields, taskId, customId, prompt: '' };
    }
    case 'modal': {
      const taskId = requiredText(input, 'taskId', MAX_ID_CHARS);
      copyOptional(input, fields, 'prompt', (value) => typeof value === 'string' && value.length <= MAX_PROMPT_CHARS);
      copyOptional(input, fields, 'maskBase64', (value) => typeof value === 'string');
      const prompt = typeof fields.prompt === 'string' ? fields.prompt : '';
      return { route, action: 'modal', fields, taskId, prompt };
    }
    default: {
      const unknown: never = route;
      throw invalid(`Unknown submission ${String(unknown)}.`, null);
    }
  }
}

function invalid(message: string, param: string | null): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: 'invalid_request' });
}

function requiredText(input: Record<string, unknown>, name: string, maxChars: number): string {
  const value = input[name];
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(`'${name}' is required (a non-empty string).`, name);
  if (value.length > maxChars) throw invalid(`'${name}' is longer than ${maxChars} characters.`, name);
  return value;
}

function copyOptional(
  input: Record<string, unknown>,
  fields: Record<string, unknown>,
  name: string,
  valid: (value: unknown) => boolean,
): void {
  const value = input[name];
  if (value === undefined || value === null) return;
  if (!valid(value)) throw invalid(`'${name}' has an invalid value.`, name);
  fields[name] = value;
}

function copyChoice(input: Record<string, unknown>, fields: Record<string, unknown>, name: string, choices: string[]) {
  const value = input[name];
  if (value === undefined || value === null || value === '') return;
  if (typeof value !== 'string' || !choices.includes(value)) {
    throw invalid(`'${name}' must be one of ${choices.join(', ')}.`, name);
  }
  fields[name] = value;
}

/** `base64Array`: data URLs (or bare base64) of the images, `min` of them at least. */
function copyImages(input: Record<string, unknown>, fields: Record<string, unknown>, min: number): void {
  const value = input.base64Array;
  if ((value === undefined || value === null) && min === 0) return;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw invalid(`'base64Array' must be an array of base64 images.`, 'base64Array');
  }
  if (value.length < min || value.length > MAX_IMAGES) {
    throw invalid(`'base64Array' takes ${min > 0 ? `${min} to ` : 'at most '}${MAX_IMAGES} images.`, 'base64Array');
  }
  if (value.length > 0) fields.base64Array = value;
}
