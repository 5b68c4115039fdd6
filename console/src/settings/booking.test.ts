/**
 * The booking settings in Chromium against a stubbed admin API: meeting types reach the PUT
 * body, a rep edits only their own availability, 422s show at the field, the calendar feed
 * URL is shown once and can be revoked.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import type { Availability, BookingSettings } from '../../../contract'
import { json, ME, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import { mountSection } from './editor-kit/mount.test-helper'
import { defaultAvailability } from './booking/availability'
import './booking'

const SETTINGS: BookingSettings = {
  meetingTypes: [
    {
      id: 'demo',
      name: { tr: 'Ürün demosu', en: 'Product demo' },
      durationMin: 30,
      location: { kind: 'video', value: 'https://meet.example/demo' },
    },
  ],
  reps: [],
  assignment: 'owner_first',
}

const member = (me: typeof ME) => ({
  id: me.user.id,
  name: me.user.name,
  email: me.user.email,
  role: me.user.role,
  createdAt: '2026-01-01T00:00:00.000Z',
  keys: null,
})

function routes(team: (typeof ME)[], extra: Record<string, (call: Call) => Response> = {}) {
  return stubApi({
    // No feeds unless a test lists some (its own entry replaces this one).
    'GET /admin/api/calendar-feeds': () => json({ items: [] }),
    ...extra,
    'GET /admin/api/booking/settings': () => json(SETTINGS),
    'GET /admin/api/team': () => json({ items: team.map(member) }),
    'GET /admin/api/availability/us_1': () => json(defaultAvailability('Europe/Berlin')),
    'GET /admin/api/availability/': () =>
      json({ error: { code: 'not_found', message: 'This user has no availability yet.' } }, 404),
  })
}

async function mount(me = ME) {
  const { root } = await mountSection('leadline-settings-booking', me, 'leadline-availability')
  const settings = shadow(root.querySelector('leadline-booking-settings'))
  const availability = shadow(root.querySelector('leadline-availability'))
  await vi.waitFor(() => expect(settings.querySelector('form')).toBeTruthy())
  await vi.waitFor(() => expect(availability.querySelector('form')).toBeTruthy())
  return { settings, availability }
}

const put = (calls: Call[], path: string) =>
  calls.find((c) => c.method === 'PUT' && c.path === path)?.body

beforeEach(() => document.body.replaceChildren())
afterEach(() => vi.unstubAllGlobals())

describe('the booking settings', () => {
  it('adds a meeting type and the fixed rep and saves them', async () => {
    const calls = routes([ME, REP_ME], {
      'PUT /admin/api/booking/settings': (c) => json(c.body),
    })
    const { settings } = await mount()
    await userEvent.click(settings.querySelector('fieldset fieldset button.secondary')!)
    await userEvent.fill(settings.querySelector<HTMLInputElement>('#mt1-tr')!, 'Mağazada tanışma')
    await userEvent.fill(settings.querySelector<HTMLInputElement>('#mt1-duration')!, '45')
    await userEvent.selectOptions(settings.querySelector<HTMLSelectElement>('#mt1-kind')!, 'place')
    await userEvent.fill(settings.querySelector<HTMLInputElement>('#mt1-value')!, 'Bağdat Cd. 1')
    await userEvent.click(settings.querySelector('#rep-1')!)
    await userEvent.selectOptions(
      settings.querySelector<HTMLSelectElement>('#assignment')!,
      'fixed',
    )
    await userEvent.click(settings.querySelector('button[type=submit]')!)

    await vi.waitFor(() =>
      expect(settings.querySelector('[role="status"]')!.textContent).toContain('kaydedildi'),
    )
    expect(put(calls, '/admin/api/booking/settings')).toEqual({
      meetingTypes: [
        SETTINGS.meetingTypes[0],
        {
          id: 'meeting_1',
          name: { tr: 'Mağazada tanışma', en: '' },
          durationMin: 45,
          location: { kind: 'place', value: 'Bağdat Cd. 1' },
        },
      ],
      reps: ['us_2'],
      assignment: 'fixed',
      fixedRep: 'us_2',
    })
  })

  it('lets a rep change only their own availability, starting from a suggestion', async () => {
    const calls = routes([REP_ME], { 'PUT /admin/api/availability/us_2': (c) => json(c.body) })
    const { settings, availability } = await mount(REP_ME)
    expect(settings.querySelector('form fieldset')!.hasAttribute('disabled')).toBe(true)
    expect(settings.textContent).toContain('yalnızca mağaza sahipleri değiştirebilir')
    expect(availability.querySelector('form fieldset')!.hasAttribute('disabled')).toBe(false)
    expect(availability.textContent).toContain('henüz uygunluğu yok')

    await userEvent.click(availability.querySelector('[data-day="sat"] button')!)
    await userEvent.fill(availability.querySelector<HTMLInputElement>('#a-maxPerDay')!, '3')
    await userEvent.click(availability.querySelector('button[type=submit]')!)
    await vi.waitFor(() =>
      expect(availability.querySelector('[role="status"]')!.textContent).toContain(
        'Rıza Rep için uygunluk kaydedildi',
      ),
    )
    const body = put(calls, '/admin/api/availability/us_2') as Availability
    expect(body.weekly.sat).toEqual([{ start: '09:00', end: '17:00' }])
    expect(body.weekly.mon).toEqual([{ start: '09:00', end: '17:00' }])
    expect(body.maxPerDay).toBe(3)
  })

  it('shows an owner another person’s availability and a refused zone at its field', async () => {
    routes([ME, REP_ME], {
      'PUT /admin/api/availability/us_1': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message: 'The settings are not valid.',
              issues: [{ path: 'timeZone', message: 'no such time zone' }],
            },
          },
          422,
        ),
    })
    const { availability } = await mount()
    expect(availability.querySelector<HTMLInputElement>('#a-zone')!.value).toBe('Europe/Berlin')
    await userEvent.fill(availability.querySelector<HTMLInputElement>('#a-zone')!, 'Mars/Olympus')
    await userEvent.click(availability.querySelector('button[type=submit]')!)
    await vi.waitFor(() =>
      expect(availability.querySelector('[role="alert"]')!.textContent).toContain(
        'Saat dilimi: no such time zone',
      ),
    )
    expect(availability.querySelector('#a-zone')!.getAttribute('aria-invalid')).toBe('true')

    await userEvent.selectOptions(availability.querySelector<HTMLSelectElement>('#person')!, 'us_2')
    await vi.waitFor(() => expect(availability.textContent).toContain('henüz uygunluğu yok'))
    // Not their own: the calendar feed belongs to the person signed in.
    expect(availability.querySelector('#feed-create')).toBeNull()
  })

  it("lists the working calendar feeds, shows a new one's URL once, and revokes them", async () => {
    const calls = routes([ME], {
      'GET /admin/api/calendar-feeds': () =>
        json({ items: [{ id: 'cf_old', createdAt: '2026-11-01T09:30:00.000Z' }] }),
      'POST /admin/api/calendar-feeds': () =>
        json({ id: 'cf_1', url: 'https://leadline.test/v1/calendar/secret.ics' }, 201),
      'DELETE /admin/api/calendar-feeds/': () => new Response(null, { status: 204 }),
    })
    const { availability } = await mount()
    await vi.waitFor(() => expect(availability.querySelector('[data-feed="cf_old"]')).toBeTruthy())
    await userEvent.click(availability.querySelector('#feed-create')!)
    await vi.waitFor(() => expect(availability.activeElement?.id).toBe('feed-url'))
    expect(availability.querySelector<HTMLInputElement>('#feed-url')!.value).toBe(
      'https://leadline.test/v1/calendar/secret.ics',
    )
    expect(availability.querySelectorAll('[data-feed]')).toHaveLength(2)
    await userEvent.click(availability.querySelector('.once button')!)
    await vi.waitFor(() => expect(availability.activeElement?.id).toBe('feed-create'))
    expect(availability.querySelector('#feed-url')).toBeNull()
    expect(availability.querySelector('[data-feed="cf_1"]')).toBeNull()
    // An older feed, known only from the list, is revoked from its own button.
    await userEvent.click(availability.querySelector('[data-feed="cf_old"] button')!)
    await vi.waitFor(() => expect(availability.querySelector('[data-feed]')).toBeNull())
    expect(availability.textContent).toContain('Çalışan takvim bağlantınız yok.')
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual([
      '/admin/api/calendar-feeds/cf_1',
      '/admin/api/calendar-feeds/cf_old',
    ])
  })
})
