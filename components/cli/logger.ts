// The process logger: pino to stderr, one child per component.
import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level = process.env.K8TS_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
