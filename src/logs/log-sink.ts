/** The slice of a pino logger the log services use (pino's Logger satisfies it). */
export interface WarnErrorLogger {
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const silentLogger: WarnErrorLogger = {
  warn() {},
  error() {},
};
