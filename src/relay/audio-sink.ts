/**
 * The client's side of an audio answer, so the relay does not depend on the web framework: the
 * bytes (or events) written as they come, with back-pressure, under the answer's content-type.
 */
export interface AudioSink {
  /** Aborted when the client goes away; passed to the upstream call so it is cancelled too. */
  readonly signal: AbortSignal;
  /** Whether the answer's status and headers have been sent (an error can no longer be a 4xx). */
  readonly started: boolean;
  start(contentType: string, headers: Record<string, string>): void;
  /** Resolves when the socket can take more. */
  write(chunk: Buffer | string): Promise<void>;
  end(): void;
  /** Cuts the answer short (the client sees the connection end before the body did). */
  abort(): void;
}
