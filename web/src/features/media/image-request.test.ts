import { describe, expect, it } from 'vitest';
import { imageOptions } from './image-options';
import { answerImages, editForm, generationBody } from './image-request';

const settings = { model: 'gpt-image-1', prompt: 'a red fox', size: '1024x1024', quality: 'high', count: 2 };

describe('generationBody', () => {
  it('sends the model, prompt, count, size and quality', () => {
    expect(generationBody(settings)).toEqual({
      model: 'gpt-image-1',
      prompt: 'a red fox',
      n: 2,
      size: '1024x1024',
      quality: 'high',
    });
  });

  it('leaves quality out for a model without one', () => {
    expect(generationBody({ ...settings, model: 'gemini-2.5-flash-image', quality: '' })).not.toHaveProperty('quality');
  });
});

describe('editForm', () => {
  it('sends one image as `image` with the settings as fields', () => {
    const form = editForm(settings, [new File([new Uint8Array([1, 2])], 'fox.png', { type: 'image/png' })]);
    expect(form.get('model')).toBe('gpt-image-1');
    expect(form.get('prompt')).toBe('a red fox');
    expect(form.get('n')).toBe('2');
    expect(form.get('quality')).toBe('high');
    expect((form.get('image') as File).name).toBe('fox.png');
    expect(form.has('image[]')).toBe(false);
  });

  it('sends several images as `image[]`', () => {
    const files = ['a.png', 'b.png'].map((name) => new File([new Uint8Array([1])], name, { type: 'image/png' }));
    const form = editForm(settings, files);
    expect(form.getAll('image[]').map((file) => (file as File).name)).toEqual(['a.png', 'b.png']);
  });
});

describe('answerImages', () => {
  it('turns base64 answers into data URLs in the answer’s format, and keeps URLs', () => {
    const images = answerImages({
      created: 1700000000,
      output_format: 'webp',
      data: [{ b64_json: 'AAAA', revised_prompt: 'a red fox at dusk' }, { url: 'https://cdn.example/x.png' }, {}],
    });
    expect(images).toEqual([
      { src: 'data:image/webp;base64,AAAA', fileName: 'image-1700000000-1.webp', revisedPrompt: 'a red fox at dusk' },
      { src: 'https://cdn.example/x.png', fileName: 'image-1700000000-2.webp' },
    ]);
  });

  it('defaults to PNG and tolerates an empty answer', () => {
    expect(answerImages({ data: [{ b64_json: 'AA' }] })[0]?.src).toBe('data:image/png;base64,AA');
    expect(answerImages(null)).toEqual([]);
  });
});

describe('imageOptions', () => {
  it('offers what each family accepts', () => {
    expect(imageOptions('dall-e-3')).toMatchObject({ maxCount: 1, qualities: ['standard', 'hd'] });
    expect(imageOptions('gpt-image-1').sizes).toContain('1536x1024');
    expect(imageOptions('imagen-4.0-generate-001').qualities).toEqual([]);
  });
});
