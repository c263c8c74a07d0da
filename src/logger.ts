/** Logger is the only way modules report progress; adapters receive one instead of calling @actions/core. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string, where?: { file?: string; line?: number }): void;
  error(message: string, where?: { file?: string; line?: number }): void;
}

/** NullLogger discards everything (tests). */
export const NullLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};

/** MemoryLogger keeps every message, so tests can assert on warnings. */
export class MemoryLogger implements Logger {
  readonly lines: { level: 'debug' | 'info' | 'warning' | 'error'; message: string }[] = [];
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warning(message: string): void {
    this.lines.push({ level: 'warning', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  /** messages returns the messages of one level. */
  messages(level: 'debug' | 'info' | 'warning' | 'error'): string[] {
    return this.lines.filter((l) => l.level === level).map((l) => l.message);
  }
}

/** withNamespace prefixes every message with `[name]`. */
export function withNamespace(logger: Logger, name: string): Logger {
  const p = (m: string) => `[${name}] ${m}`;
  return {
    debug: (m) => logger.debug(p(m)),
    info: (m) => logger.info(p(m)),
    warning: (m, w) => logger.warning(p(m), w),
    error: (m, w) => logger.error(p(m), w),
  };
}
