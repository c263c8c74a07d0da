/** Recording a publish group's failure on its Applications, so the other groups go on. */
import { toUserMessage, type PromoterError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { PublishGroup, PublishResult } from './types.js';

/** applicationsOf lists the report labels of the groups' Applications (or of their changes). */
export function applicationsOf(groups: readonly PublishGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.applications ?? g.changes.map((c) => c.application)))];
}

/** recordFailure logs a group's failure and records it on the group's Applications. */
export function recordFailure(result: PublishResult, logger: Logger, key: string, groups: readonly PublishGroup[], error: PromoterError): void {
  const applications = applicationsOf(groups);
  logger.info(`${applications.join(', ') || key}: not published: ${toUserMessage(error)}`);
  result.failures.push({ key, applications, error });
}
