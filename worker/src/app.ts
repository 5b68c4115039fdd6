/**
 * Builds the Hono app: the public API for widgets (`/v1`), the admin API (`/admin/api`), the
 * OpenAPI document and reference, one error handler and one not-found handler.
 */
import { Hono } from 'hono'
import type { AppEnv } from './env'
import { getSiteById } from './db/sites'
import { ApiError, errorResponse, toApiError } from './lib/errors'
import { adminAuth } from './middleware/admin-auth'
import { limitBody } from './middleware/body'
import { publicCors } from './middleware/cors'
import { adminAnalytics } from './routes/admin-analytics'
import { adminBooking } from './routes/admin-booking'
import { adminContactBook } from './routes/admin-contact-book'
import { adminContacts } from './routes/admin-contacts'
import { adminDeals } from './routes/admin-deals'
import { adminDelivery } from './routes/admin-delivery'
import { adminLeads } from './routes/admin-leads'
import { adminLibrary } from './routes/admin-library'
import { adminNurture } from './routes/admin-nurture'
import { adminQuiz } from './routes/admin-quiz'
import { adminQuotes } from './routes/admin-quotes'
import { adminSite } from './routes/admin-site'
import { adminTeam } from './routes/admin-team'
import { consoleRoutes } from './routes/console'
import { docsRoutes } from './routes/docs'
import { bookingPageRoutes } from './routes/booking-page'
import { bookingPublicRoutes } from './routes/booking-public'
import { providerHooks } from './routes/provider-hooks'
import { publicRoutes } from './routes/public'
import { quizPublicRoutes } from './routes/quiz-public'
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

  app.route('/v1', publicRoutes)
  app.route('/v1', quizPublicRoutes)
  app.route('/v1', bookingPublicRoutes)
  app.route('/v1', quotePublicRoutes)
  app.get('/admin/api/me', async (c) => {
    const { siteId, userId, name, email, role } = c.get('auth')
    const site = await getSiteById(c.env.DB, siteId)
    if (!site) throw new Error('key of a missing site')
    return c.json({
      user: { id: userId, name, email, role },
      site: { id: site.id, siteKey: site.public_key, name: site.name },
    })
  })
  app.route('/admin/api/leads', adminLeads)
  app.route('/admin/api/contacts', adminContacts)
  app.route('/admin/api/quiz', adminQuiz)
  app.route('/admin/api', adminBooking)
  app.route('/admin/api', adminQuotes)
  app.route('/admin/api', adminLibrary)
  app.route('/admin/api', adminDelivery)
  app.route('/admin/api', adminNurture)
  app.route('/admin/api', adminDeals)
  app.route('/admin/api', adminContactBook)
  app.route('/admin/api', adminAnalytics)
  app.route('/admin/api', adminTeam)
  app.route('/admin/api', adminSite)
  app.route('/', consoleRoutes)
  app.route('/hooks', providerHooks)
  app.route('/u', unsubscribeRoutes)
  app.route('/q', quotePageRoutes)
  app.route('/b', bookingPageRoutes)
  app.route('/', docsRoutes)

  app.notFound((c) => errorResponse(c, new ApiError('not_found', 'No such route.')))
  app.onError((err, c) => {
    const apiError = toApiError(err)
    if (apiError.code === 'internal' || apiError.code === 'unavailable') {
      console.error(`${c.req.method} ${c.req.path} failed:`, err)
    }
    return errorResponse(c, apiError)
  })
  return app
}

export type App = ReturnType<typeof createApp>
