/**
 * The Images API's requests and answers (OpenAI's shapes, which AIHub serves for every image
 * model): `POST /v1/images/generations` as JSON, `POST /v1/images/edits` as multipart with the
 * image(s) to edit. Pure: the page sends what these build.
 */
export interface ImageSettings {
  model: string;
  prompt: string;
  size: string;
  /** '' when the model has no quality setting. */
  quality: string;
  count: number;
}

export function generationBody(settings: ImageSettings): Record<string, unknown> {
  return {
    model: settings.model,
    prompt: settings.prompt,
    n: settings.count,
    size: settings.size,
    ...(settings.quality ? { quality: settings.quality } : {}),
  };
}

/** One image is the field `image`; several are `image[]`, as OpenAI's reference sends them. */
export function editForm(settings: ImageSettings, images: readonly File[]): FormData {
  const form = new FormData();
  form.append('model', settings.model);
  form.append('prompt', settings.prompt);
  form.append('n', String(settings.count));
  form.append('size', settings.size);
  if (settings.quality) form.append('quality', settings.quality);
  const field = images.length > 1 ? 'image[]' : 'image';
  for (const image of images) form.append(field, image, image.name);
  return form;
}

export interface GeneratedImage {
  /** A `data:` URL (base64 answers) or the vendor's URL. */
  src: string;
  /** The file name a download gets. */
  fileName: string;
  revisedPrompt?: string;
}

interface ImagesAnswer {
  created?: number;
  output_format?: string;
  data?: Array<{ b64_json?: string; url?: string; revised_prompt?: string }>;
}

/** The images of an answer, in order; entries with neither base64 nor a URL are skipped. */
export function answerImages(answer: unknown): GeneratedImage[] {
  const body = (answer ?? {}) as ImagesAnswer;
  const format = body.output_format && /^(png|jpeg|webp)$/.test(body.output_format) ? body.output_format : 'png';
  const stamp = body.created ?? 0;
  const out: GeneratedImage[] = [];
  for (const [index, item] of (body.data ?? []).entries()) {
    const src = item.b64_json ? `data:image/${format};base64,${item.b64_json}` : item.url;
    if (!src) continue;
    out.push({
      src,
      fileName: `image-${stamp}-${index + 1}.${format === 'jpeg' ? 'jpg' : format}`,
      ...(item.revised_prompt ? { revisedPrompt: item.revised_prompt } : {}),
    });
  }
  return out;
}
