import { type Attachment, newId } from './types';

/** Per image, before base64 (vendors accept 5 MB, Anthropic's limit, everywhere). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const MAX_IMAGES = 4;
export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

export type AttachmentProblem =
  | { kind: 'type'; name: string }
  | { kind: 'size'; name: string; size: number }
  | { kind: 'count' }
  | { kind: 'read'; name: string };

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Files chosen, pasted or dropped → attachments (data URLs), and what was refused and why. */
export async function readImages(
  files: readonly File[],
  already: number,
): Promise<{ added: Attachment[]; problems: AttachmentProblem[] }> {
  const added: Attachment[] = [];
  const problems: AttachmentProblem[] = [];
  for (const file of files) {
    if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
      problems.push({ kind: 'type', name: file.name || file.type });
      continue;
    }
    if (file.size > MAX_IMAGE_BYTES) {
      problems.push({ kind: 'size', name: file.name, size: file.size });
      continue;
    }
    if (already + added.length >= MAX_IMAGES) {
      if (!problems.some((problem) => problem.kind === 'count')) problems.push({ kind: 'count' });
      continue;
    }
    try {
      const dataUrl = await readAsDataUrl(file);
      added.push({ id: newId('i'), name: file.name || 'image', mediaType: file.type, dataUrl, size: file.size });
    } catch {
      problems.push({ kind: 'read', name: file.name });
    }
  }
  return { added, problems };
}

/** `4.2 MB`, `850 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
