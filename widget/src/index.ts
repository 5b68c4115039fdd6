/**
 * The npm entry for bundler users: the element classes and their `define` functions, with no side
 * effects. Call `defineForm()` / `defineQuiz()` / `defineBooking()` / `defineQuote()` /
 * `defineInvoice()` (or import `define-form` / `define-quiz` / `define-booking` / `define-quote` /
 * `define-invoice`) to register `<leadline-form>` / `<leadline-quiz>` / `<leadline-booking>` /
 * `<leadline-quote>` / `<leadline-invoice>`.
 */
export { LeadlineForm, defineForm } from './components/form/form'
export type {
  LeadlineBeforeSubmitDetail,
  LeadlineErrorDetail,
  LeadlineSubmitDetail,
  LeadlineSuccessDetail,
} from './components/form/form'
export { LeadlineQuiz, defineQuiz } from './components/quiz/quiz'
export type {
  LeadlineBookDemoDetail,
  LeadlineQuizCompleteDetail,
  LeadlineQuizStepDetail,
} from './components/quiz/quiz'
export { LeadlineBooking, defineBooking } from './components/booking/booking'
export type {
  LeadlineBookedDetail,
  LeadlineCancelledDetail,
  LeadlineSlotSelectDetail,
} from './components/booking/booking'
export { LeadlineQuote, defineQuote } from './components/quote/quote'
export { LeadlineInvoice, defineInvoice } from './components/invoice/invoice'
export type {
  LeadlineQuoteAcceptDetail,
  LeadlineQuoteDeclineDetail,
  LeadlineQuoteViewDetail,
} from './components/quote/quote'
export { Outbox, outbox, type SendResult, type Submission } from './internal/api'
export { define, type LeadlineGlobal } from './internal/base'
