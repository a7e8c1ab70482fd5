import type { ClientConnection } from './client-connection.js';

/**
 * The client's side of one stream. Nothing is sent before the first frame with content, so an
 * upstream that fails before that can still be retried elsewhere or answered with a proper status.
 * The closing frames (each choice's finish_reason chunk, then the usage chunk and `[DONE]`) are
 * held back until `close`, which the relay calls once the charge is committed: a client never
 * receives a complete answer that is not billed, even if the process dies right after.
 */
export class StreamOutput {
  private started = false;
  private held = '';

  constructor(
    private readonly client: ClientConnection,
    private readonly headers: Record<string, string>,
    /** Called once, when the stream starts (the first byte goes out). */
    private readonly onStart: () => void,
  ) {}

  /** True once the client has the status and headers: no other attempt can answer any more. */
  get committed(): boolean {
    return this.started;
  }

  /** Sends a frame, starting the stream with it (back-pressure: resolves when the socket can take more). */
  async send(text: string): Promise<void> {
    this.start();
    await this.client.write(text);
  }

  /** Keeps a closing frame (a finish_reason chunk) for `close`. */
  holdBack(text: string): void {
    this.held += text;
  }

  /** Forgets the held frames: the answer will end with an error instead. */
  dropHeld(): void {
    this.held = '';
  }

  /** Sends the held frames and `tail`, then ends the response. Starts the stream if nothing did. */
  async close(tail: string): Promise<void> {
    this.start();
    if (!this.client.signal.aborted) await this.client.write(this.held + tail);
    this.held = '';
    this.client.end();
  }

  private start(): void {
    if (this.started) return;
    // Headers first: should writing them fail, nothing was sent and nothing is charged.
    this.client.startStream(this.headers);
    this.started = true;
    this.onStart();
  }
}
