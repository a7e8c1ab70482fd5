import type { Logger } from 'pino';

/** The levels an operator may pick at run time, quietest first (pino's own names). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Keeps the process logger at the level the operator set in the console (the `logLevel`
 * setting), or at the level it started with (LOG_LEVEL, or the embedder's own logger) while that
 * setting is empty. Returns the function to call whenever the settings may have changed: on a
 * local change and after a reload that another replica's change caused, so every replica
 * follows one choice.
 */
export function followLogLevel(logger: Pick<Logger, 'level'>, operatorLevel: () => LogLevel | ''): () => void {
  const startingLevel = logger.level;
  return () => {
    const wanted = operatorLevel() || startingLevel;
    if (logger.level !== wanted) logger.level = wanted;
  };
}
