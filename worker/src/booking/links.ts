/**
 * Where the links in booking messages take a person: always to a page they can use, never to
 * the JSON API. The store's own page when there is one, else the booking page this worker hosts
 * for the store (`/b/:siteKey`, with `<leadline-booking>` on it). Pure.
 */
import { withParam } from '../lib/url'

/** The booking page this worker hosts for a store. */
export const hostedBookingPage = (origin: string, siteKey: string): string =>
  `${origin}/b/${siteKey}`

/**
 * Where a person reschedules or cancels a booking: the store's page it was booked on (when that
 * page is on one of the store's origins), else the hosted page; `<leadline-booking>` on either
 * opens the management view from `?leadline_booking=TOKEN`.
 *
 * @example
 * manageLink('https://leadline.example', null, 'pk_demo1234', 'AbC…') // 'https://leadline.example/b/pk_demo1234?leadline_booking=AbC…'
 */
export const manageLink = (
  origin: string,
  pageUrl: string | null,
  siteKey: string,
  token: string,
): string => withParam(pageUrl ?? hostedBookingPage(origin, siteKey), 'leadline_booking', token)

/**
 * Where a sequence's `{{bookingLink}}` points: the store's booking page (`bookingUrl` in its
 * delivery settings), else the hosted page booking for this lead.
 */
export const bookingLink = (
  origin: string,
  bookingUrl: string | null,
  siteKey: string,
  leadId: string,
): string => bookingUrl ?? withParam(hostedBookingPage(origin, siteKey), 'lead', leadId)
