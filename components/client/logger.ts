// The logging the client's long-running parts need: a pino logger (or a child of one) fits.
export interface ClientLogger {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export const silentLogger: ClientLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined };
