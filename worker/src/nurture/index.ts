/**
 * Nurturing as pure functions: the sequence engine (what an enrollment does now and when it runs
 * next), message templates (checked and rendered) and enroll cycles between sequences. No HTTP,
 * no storage, no clock: the runner in worker/src/jobs and the admin routes call these.
 */
export {
  addLocalDays,
  advance,
  capReleaseAt,
  inQuietHours,
  isoWeekday,
  nextLocalTime,
  type Advance,
  type EngineContext,
  type StepAction,
} from './engine'
export {
  checkTemplate,
  renderEmail,
  renderSms,
  templateVariables,
  type RenderedEmailParts,
  type TemplateIssue,
  type TemplateSource,
  type TemplateValues,
} from './templates'
export { enrollTargets, findEnrollCycle } from './cycles'
export * from './render'
