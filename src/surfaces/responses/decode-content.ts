import type { z } from 'zod';
import type { BinarySource, FilePart, ImagePart, ToolResultContentPart, UserContentPart } from '../../ir/index.js';
import { decodeSource } from '../openai/decode-request.js';
import type {
  inputAudioPart,
  inputFilePart,
  inputImagePart,
  inputTextPart,
  toolOutputContent,
} from './request-schema.js';
import { invalidField } from './schema-error.js';

type InputPart =
  | z.infer<typeof inputTextPart>
  | z.infer<typeof inputImagePart>
  | z.infer<typeof inputFilePart>
  | z.infer<typeof inputAudioPart>;

/** One `input_*` content part of a user/system message or a tool output → IR. */
export function decodeInputPart(part: InputPart, at: string): UserContentPart {
  switch (part.type) {
    case 'input_text':
      return { type: 'text', text: part.text };
    case 'input_image':
      return decodeImage(part, at);
    case 'input_file':
      return decodeFile(part, at);
    case 'input_audio':
      return { type: 'audio', data: part.input_audio.data, format: part.input_audio.format };
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

/** A tool's output: a string, or text, images and files. */
export function decodeToolOutput(output: z.infer<typeof toolOutputContent>, at: string): ToolResultContentPart[] {
  if (typeof output === 'string') return [{ type: 'text', text: output }];
  return output.map((part, index) => {
    const decoded = decodeInputPart(part, `${at}[${index}]`);
    if (decoded.type === 'audio') throw invalidField(`${at}[${index}]`, 'Audio is not supported in tool outputs.');
    return decoded;
  });
}

function decodeImage(part: z.infer<typeof inputImagePart>, at: string): ImagePart {
  if (part.file_id && !part.image_url) throw fileIdsUnsupported(`${at}.file_id`);
  if (!part.image_url) {
    throw invalidField(
      `${at}.image_url`,
      `Missing required parameter: '${at}.image_url'.`,
      'missing_required_parameter',
    );
  }
  const image: ImagePart = { type: 'image', source: decodeSource(part.image_url, `${at}.image_url`) };
  if (part.detail) image.detail = part.detail;
  return image;
}

function decodeFile(part: z.infer<typeof inputFilePart>, at: string): FilePart {
  let source: BinarySource;
  if (part.file_data) source = fileDataSource(part.file_data, part.filename ?? undefined, `${at}.file_data`);
  else if (part.file_url) source = decodeSource(part.file_url, `${at}.file_url`);
  else if (part.file_id) throw fileIdsUnsupported(`${at}.file_id`);
  else {
    throw invalidField(
      `${at}.file_data`,
      `An input_file needs 'file_data' or 'file_url' ('${at}').`,
      'missing_required_parameter',
    );
  }
  const file: FilePart = { type: 'file', source };
  if (source.kind === 'base64') file.mediaType = source.mediaType;
  if (part.filename) file.filename = part.filename;
  return file;
}

/** `file_data` is a base64 data URL; bare base64 is accepted too, its type guessed from the file name. */
function fileDataSource(data: string, filename: string | undefined, at: string): BinarySource {
  if (data.startsWith('data:')) return decodeSource(data, at);
  const mediaType = filename?.toLowerCase().endsWith('.pdf') ? 'application/pdf' : 'application/octet-stream';
  return { kind: 'base64', mediaType, data };
}

function fileIdsUnsupported(param: string) {
  return invalidField(param, `File ids are not supported ('${param}'): send the file inline as a data URL or by URL.`);
}
