// The CronJob controller. Run it as `system:serviceaccount:kube-system:cronjob-controller` (groups
// system:serviceaccounts, system:serviceaccounts:kube-system), whose ClusterRole
// system:controller:cronjob-controller the bootstrap policy grants.
import { CronJobController, type CronJobControllerOptions } from './cronjob-controller.js';

export { parseCronSchedule, CronParseError, type CronSchedule } from './cron-schedule.js';
export { mostRecentScheduleTime, jobNameFor, rfc3339InZone } from './schedule-times.js';
export { SCHEDULED_TIMESTAMP_ANNOTATION, type CronJob, type CronJobControllerOptions } from './cronjob-controller.js';

export function cronJobController(o: CronJobControllerOptions = {}): CronJobController {
  return new CronJobController(o);
}
