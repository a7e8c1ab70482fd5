/**
 * The WAV (RIFF) container: a 44-byte header before raw PCM, which is how Gemini's speech
 * (s16le PCM, 24 kHz, mono, in `inlineData`) becomes the `wav` OpenAI clients ask for; and the
 * duration of an uploaded WAV from its header, for the files whose length the upstream reports not.
 */

export interface PcmLayout {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
}

/** Gemini's speech output (ai.google.dev/gemini-api/docs/speech-generation): s16le, 24 kHz, mono. */
export const GEMINI_SPEECH_PCM: PcmLayout = { sampleRate: 24_000, channels: 1, bitsPerSample: 16 };

export function wavHeader(dataBytes: number, layout: PcmLayout): Buffer {
  const { sampleRate, channels, bitsPerSample } = layout;
  const blockAlign = (channels * bitsPerSample) / 8;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * blockAlign, 28);
  header.writeUInt16LE(blockAlign, 32);
  header.writeUInt16LE(bitsPerSample, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/**
 * Seconds of sound in a WAV file, from its `fmt ` byte rate and the size of its `data` chunk
 * (bounded by the bytes present); undefined when the bytes are not a PCM WAV.
 */
export function wavDurationSeconds(file: Uint8Array): number | undefined {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length < 12 || bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    return undefined;
  }
  let byteRate: number | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= bytes.length) byteRate = bytes.readUInt32LE(offset + 16);
    if (id === 'data') {
      if (!byteRate) return undefined;
      const present = Math.min(size, bytes.length - offset - 8);
      return present / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  return undefined;
}
