/**
 * The npm entry for bundler users: the element classes and their `define` functions, with no side
 * effects. Call `defineForm()` (or import `define-form`) to register `<leadline-form>`.
 */
export { LeadlineForm, defineForm } from './components/form/form'
export type {
  LeadlineBeforeSubmitDetail,
  LeadlineErrorDetail,
  LeadlineSubmitDetail,
  LeadlineSuccessDetail,
} from './components/form/form'
export { Outbox, outbox, type SendResult, type Submission } from './internal/api'
export { define, type LeadlineGlobal } from './internal/base'
