import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { followLogLevel, type LogLevel } from './log-level.js';

describe('followLogLevel', () => {
  it('follows the operator setting and returns to the starting level when it is cleared', () => {
    const logger = pino({ level: 'warn' });
    let operator: LogLevel | '' = '';
    const apply = followLogLevel(logger, () => operator);
    apply();
    expect(logger.level).toBe('warn');
    operator = 'debug';
    apply();
    expect(logger.level).toBe('debug');
    expect(logger.isLevelEnabled('debug')).toBe(true);
    operator = '';
    apply();
    expect(logger.level).toBe('warn');
    expect(logger.isLevelEnabled('info')).toBe(false);
  });

  it('keeps an embedder’s silent logger silent unless the operator asks for more', () => {
    const logger = pino({ level: 'silent' });
    const apply = followLogLevel(logger, () => '');
    apply();
    expect(logger.level).toBe('silent');
  });
});
