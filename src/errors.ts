/**
 * Typed errors. Each carries the context a user needs to find and fix the problem:
 * the Application, the annotation, the file and line, the registry host, and the fix.
 */

/** ErrorContext says where a problem is and what to do about it. */
export interface ErrorContext {
  application?: string;
  annotation?: string;
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  host?: string;
  /** One sentence telling the user what to change. */
  fix?: string;
  cause?: unknown;
}

/** PromoterError is the base of every error this tool raises on purpose. */
export class PromoterError extends Error {
  readonly application?: string;
  readonly annotation?: string;
  readonly file?: string;
  readonly line?: number;
  readonly host?: string;
  readonly fix?: string;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'PromoterError';
    this.application = context.application;
    this.annotation = context.annotation;
    this.file = context.file;
    this.line = context.line;
    this.host = context.host;
    this.fix = context.fix;
  }
}

/** ConfigError: an input, flag or configuration file is wrong ("your config"). */
export class ConfigError extends PromoterError {
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context);
    this.name = 'ConfigError';
  }
}

/** AnnotationError: an argocd-image-updater annotation (or ImageUpdater field) is wrong. */
export class AnnotationError extends PromoterError {
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context);
    this.name = 'AnnotationError';
  }
}

/** RegistryError: a registry call failed. `temporary` marks faults worth retrying ("their fault"). */
export class RegistryError extends PromoterError {
  readonly status?: number;
  readonly temporary: boolean;
  /** How long the registry asked us to wait (its `Retry-After`), in ms; the retry policy honours it. */
  readonly retryAfterMs?: number;

  constructor(message: string, context: ErrorContext & { status?: number; temporary?: boolean; retryAfterMs?: number } = {}) {
    super(message, context);
    this.name = 'RegistryError';
    this.status = context.status;
    this.temporary = context.temporary ?? false;
    this.retryAfterMs = context.retryAfterMs;
  }
}

/** EditError: a file could not be edited without changing more than the value. */
export class EditError extends PromoterError {
  constructor(message: string, context: ErrorContext = {}) {
    super(message, context);
    this.name = 'EditError';
  }
}

/** PublishError: a commit, branch or pull request could not be made. */
export class PublishError extends PromoterError {
  readonly status?: number;

  constructor(message: string, context: ErrorContext & { status?: number } = {}) {
    super(message, context);
    this.name = 'PublishError';
    this.status = context.status;
  }
}

/** toUserMessage renders an error as one line: where, what, and the fix. */
export function toUserMessage(error: unknown): string {
  if (!(error instanceof PromoterError)) {
    return error instanceof Error ? error.message : String(error);
  }
  const where: string[] = [];
  if (error.file) where.push(error.line ? `${error.file}:${error.line}` : error.file);
  if (error.application) where.push(`Application ${error.application}`);
  if (error.annotation) where.push(`annotation ${error.annotation}`);
  if (error.host) where.push(`registry ${error.host}`);
  const prefix = where.length > 0 ? `${where.join(', ')}: ` : '';
  const fix = error.fix ? ` ${error.fix}` : '';
  return `${prefix}${error.message}${fix}`;
}
