/**
 * The relay's view of the client's HTTP exchange, so the pipeline does not depend on the web
 * framework. The HTTP layer implements it over Node's ServerResponse.
 */
export interface ClientConnection {
  /** Aborted when the client goes away; passed to the upstream call so it is cancelled too. */
  readonly signal: AbortSignal;
  sendJson(status: number, headers: Record<string, string>, body: unknown): void;
  startStream(headers: Record<string, string>): void;
  /** Writes SSE text; resolves when the socket can take more (back-pressure). */
  write(text: string): Promise<void>;
  end(): void;
}
