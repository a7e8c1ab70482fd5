/**
 * Real-looking audio for the emulators: a PCM WAV (a 440 Hz tone, s16le) and MPEG-1 Layer III
 * frames (valid headers, silent payload), and the transcripts the emulators give.
 */

/** s16le mono PCM of a 440 Hz tone. */
export function tonePcm(seconds: number, sampleRate = 24_000): Buffer {
  const samples = Math.round(seconds * sampleRate);
  const pcm = Buffer.alloc(samples * 2);
  for (let index = 0; index < samples; index++) {
    pcm.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * index) / sampleRate) * 8_000), index * 2);
  }
  return pcm;
}

/** A PCM WAV file (44-byte RIFF header, then the samples). */
export function toneWav(seconds: number, sampleRate = 24_000): Buffer {
  const pcm = tonePcm(seconds, sampleRate);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** `count` MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz (417 bytes each, header FF FB 90 64). */
export function mp3Frames(count: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64], 0);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** Seconds of a PCM WAV upload, from its header (0 when it is not one). */
export function wavSeconds(file: Buffer): number {
  if (file.length < 44 || file.toString('ascii', 0, 4) !== 'RIFF') return 0;
  return (file.length - 44) / file.readUInt32LE(28);
}

/** The transcript every emulator gives: it names who answered, so failover is visible. */
export function emulatedTranscript(label: string, task: 'transcribe' | 'translate'): string {
  return task === 'translate' ? `Hello from ${label}, in English.` : `Hello from ${label}.`;
}
