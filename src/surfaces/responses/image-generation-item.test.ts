import { describe, expect, it } from 'vitest';
import { decodeInputItems } from './decode-input-items.js';
import { imageFromGenerationItem } from './image-generation-item.js';

describe('imageFromGenerationItem', () => {
  it('reads the result as a generated image, its format from its bytes', () => {
    expect(imageFromGenerationItem({ type: 'image_generation_call', id: 'ig_1', result: 'iVBOR' })).toEqual({
      type: 'generated-image',
      mediaType: 'image/png',
      data: 'iVBOR',
    });
    expect(imageFromGenerationItem({ result: '/9j/4AAQ' })?.mediaType).toBe('image/jpeg');
    expect(imageFromGenerationItem({ result: 'UklGRiQ' })?.mediaType).toBe('image/webp');
    expect(imageFromGenerationItem({ result: null, status: 'in_progress' })).toBeUndefined();
  });

  it('puts a replayed image in the assistant turn it belongs to', () => {
    const messages = decodeInputItems(
      [
        { role: 'user', content: 'Draw a cat' },
        { type: 'image_generation_call', id: 'ig_1', status: 'completed', result: 'iVBOR' },
        { role: 'user', content: 'Make it blue' },
      ],
      'input',
    );
    expect(messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(messages[1]?.content).toEqual([{ type: 'generated-image', mediaType: 'image/png', data: 'iVBOR' }]);
  });
});
