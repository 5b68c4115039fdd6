/**
 * Builds the Hono app: the public API for widgets (`/v1`), the admin API (`/admin/api`), the
 * OpenAPI document and reference, one error handler and one not-found handler.
 */
import { Hono } from 'hono'
import type { AppEnv } from './env'
import { adminAuth } from './middleware/admin-auth'
import { limitBody } from './middleware/body'
import { notFound, onError } from './middleware/errors'
import { publicCors } from './middleware/cors'
import { adminAnalytics } from './routes/admin-analytics'
import { adminAvailability, adminSlots } from './routes/admin-availability'
import { adminBookingSettings } from './routes/admin-booking-settings'
import { adminBookings, leadBookings } from './routes/admin-bookings'
import { adminCalendarFeeds } from './routes/admin-calendar-feeds'
import { adminContacts } from './routes/admin-contacts'
import { adminContactFiles } from './routes/admin-contacts-files'
import { adminContactPrivacy, adminPrivacy } from './routes/admin-contacts-privacy'
import { adminDeals } from './routes/admin-deals'
import { leadDeals } from './routes/admin-lead-deal'
import { adminPipelines } from './routes/admin-pipelines'
import { adminOutbox } from './routes/admin-outbox'
import { adminWebhooks } from './routes/admin-webhooks'
import { adminLeads } from './routes/admin-leads'
import { adminFaqs, adminProducts } from './routes/admin-library'
import { adminMe } from './routes/admin-me'
import { adminDeliverySettings } from './routes/admin-delivery-settings'
import { adminTasks } from './routes/admin-tasks'
import { adminTemplates } from './routes/admin-templates'
import { adminQuiz } from './routes/admin-quiz'
import { adminInvoices, adminQuotes, adminQuoteSettings, leadQuotes } from './routes/admin-quotes'
import { adminEnrollments, leadEnrollments } from './routes/admin-enrollments'
import { adminSequences } from './routes/admin-sequences'
import { adminSite } from './routes/admin-site'
import { adminKeys } from './routes/admin-keys'
import { adminTeam } from './routes/admin-team'
import { consoleRoutes } from './routes/console'
import { docsRoutes } from './routes/docs'
import { bookingPageRoutes } from './routes/booking-page'
import { bookingPublicRoutes, calendarFeedRoutes, siteBookingRoutes } from './routes/booking-public'
import { providerHooks } from './routes/provider-hooks'
import { leadCaptureRoutes, siteConfigRoutes } from './routes/public'
import { quizPublicRoutes, siteQuizRoutes } from './routes/quiz-public'
import { quotePageRoutes } from './routes/quote-page'
import { quotePublicRoutes } from './routes/quote-public'
import { unsubscribeRoutes } from './routes/unsubscribe'

export function createApp() {
  const app = new Hono<AppEnv>()

  app.use('*', async function securityHeaders(c, next) {
    await next()
    c.res.headers.set('X-Content-Type-Options', 'nosniff')
  })
  app.use('/v1/*', publicCors(), limitBody())
  app.use('/admin/api/*', adminAuth(), limitBody())

  // The public API the widgets call (site key and Origin allowlist), one resource per prefix.
  app.route('/v1/sites', siteConfigRoutes)
  app.route('/v1/sites', siteQuizRoutes)
  app.route('/v1/sites', siteBookingRoutes)
  app.route('/v1/leads', leadCaptureRoutes)
  app.route('/v1/quiz', quizPublicRoutes)
  app.route('/v1/bookings', bookingPublicRoutes)
  app.route('/v1/calendar', calendarFeedRoutes)
  app.route('/v1/quotes', quotePublicRoutes)

  // The admin API (admin key or session), one resource per prefix; a lead's quotes, bookings,
  // enrollments and deal terms live with their own areas and mount under the lead.
  app.route('/admin/api/me', adminMe)
  app.route('/admin/api/leads', adminLeads)
  app.route('/admin/api/leads', leadBookings)
  app.route('/admin/api/leads', leadQuotes)
  app.route('/admin/api/leads', leadEnrollments)
  app.route('/admin/api/leads', leadDeals)
  app.route('/admin/api/contacts', adminContactFiles) // before `/:id`: `export` is not an id
  app.route('/admin/api/contacts', adminContacts)
  app.route('/admin/api/contacts', adminContactPrivacy)
  app.route('/admin/api/privacy', adminPrivacy)
  app.route('/admin/api/quiz', adminQuiz)
  app.route('/admin/api/booking', adminBookingSettings)
  app.route('/admin/api/availability', adminAvailability)
  app.route('/admin/api/slots', adminSlots)
  app.route('/admin/api/bookings', adminBookings)
  app.route('/admin/api/calendar-feeds', adminCalendarFeeds)
  app.route('/admin/api/quotes', adminQuotes)
  app.route('/admin/api/quote-settings', adminQuoteSettings)
  app.route('/admin/api/invoices', adminInvoices)
  app.route('/admin/api/products', adminProducts)
  app.route('/admin/api/faqs', adminFaqs)
  app.route('/admin/api/messaging', adminDeliverySettings)
  app.route('/admin/api/templates', adminTemplates)
  app.route('/admin/api/sequences', adminSequences)
  app.route('/admin/api/enrollments', adminEnrollments)
  app.route('/admin/api/tasks', adminTasks)
  app.route('/admin/api/webhooks', adminWebhooks)
  app.route('/admin/api/outbox', adminOutbox)
  app.route('/admin/api/deals', adminDeals)
  app.route('/admin/api/pipelines', adminPipelines)
  app.route('/admin/api/analytics', adminAnalytics)
  app.route('/admin/api/team', adminTeam)
  app.route('/admin/api/keys', adminKeys)
  app.route('/admin/api/site', adminSite)

  // Pages and links outside the APIs, and this API's own document.
  app.route('/', consoleRoutes)
  app.route('/hooks', providerHooks)
  app.route('/u', unsubscribeRoutes)
  app.route('/q', quotePageRoutes)
  app.route('/b', bookingPageRoutes)
  app.route(
    '/',
    docsRoutes(() => app.routes),
  )

  app.notFound(notFound)
  app.onError(onError)
  return app
}

export type App = ReturnType<typeof createApp>
