/**
 * A JSON answer already encoded: an upstream's bytes passed through to a client that speaks the
 * same API. ClientConnection.sendJson writes the bytes as they are instead of stringifying a value;
 * anything else that serialises it (a capture for the cache, a test's fake connection) gets the
 * same JSON through `toJSON`, at the price of a parse it only pays off the hot path.
 */
export class EncodedJson {
  constructor(readonly bytes: Buffer) {}

  toJSON(): unknown {
    return JSON.parse(this.bytes.toString('utf8'));
  }
}
