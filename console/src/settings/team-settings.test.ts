/**
 * The team and keys section in Chromium against a stubbed admin API: a new key shown once,
 * copied and hidden for good; renaming; revoking through the confirm dialog by keyboard; the
 * last owner key refused in words; adding a person; what a rep may do.
 */
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { type ApiKey, type Me, type Team, TeamSchema } from '../../../contract'
import { AdminApi } from '../api'
import { json, KEY, ME, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import './team'

const key = (
  id: string,
  userId: string,
  name: string,
  revokedAt: string | null = null,
): ApiKey => ({
  id,
  userId,
  name,
  prefix: 'sk_Ab12',
  createdAt: '2026-11-01T10:00:00.000Z',
  revokedAt,
})

const TEAM: Team = v.parse(TeamSchema, {
  items: [
    {
      id: ME.user.id,
      name: ME.user.name,
      email: ME.user.email,
      role: 'owner',
      createdAt: '2026-11-01T10:00:00.000Z',
      keys: [key('ak_owner', ME.user.id, 'Dizüstü')],
    },
    {
      id: REP_ME.user.id,
      name: REP_ME.user.name,
      email: REP_ME.user.email,
      role: 'rep',
      createdAt: '2026-11-01T10:00:00.000Z',
      keys: [key('ak_rep', REP_ME.user.id, 'Telefon')],
    },
  ],
})
const team = () => structuredClone(TEAM)
const SECRET = 'sk_' + 'C'.repeat(40)

async function mount(me: Me = ME) {
  const el = document.createElement('leadline-settings-team') as HTMLElement & {
    api: AdminApi
    me: Me
    updateComplete: Promise<unknown>
  }
  el.api = new AdminApi(KEY)
  el.me = me
  document.body.append(el)
  await vi.waitFor(() => expect(shadow(el).querySelector('table')).toBeTruthy())
  return shadow(el)
}

const button = (root: ShadowRoot, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!
const status = (root: ShadowRoot) => root.querySelector('#status')!.textContent
const posts = (calls: Call[], path: string) =>
  calls.filter((c) => c.method === 'POST' && c.path === path)

beforeEach(() => document.body.replaceChildren())
afterEach(() => vi.unstubAllGlobals())

describe('admin keys', () => {
  it("shows a new key's secret once, copies it, and hides it for good", async () => {
    const created = key('ak_new', REP_ME.user.id, 'Zapier')
    const calls = stubApi({
      'GET /admin/api/team': () => json(team()),
      [`POST /admin/api/team/${REP_ME.user.id}/keys`]: () =>
        json({ key: created, secret: SECRET }, 201),
    })
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    const root = await mount()
    await userEvent.type(root.querySelector(`#new-key-${REP_ME.user.id}`)!, 'Zapier{Enter}')

    await vi.waitFor(() => expect(root.activeElement?.id).toBe('secret-heading'))
    expect(posts(calls, `/admin/api/team/${REP_ME.user.id}/keys`)[0]!.body).toEqual({
      name: 'Zapier',
    })
    const section = root.querySelector('section.notice')!
    expect(section.textContent).toContain('yalnızca şimdi gösterilir')
    expect(root.querySelector<HTMLInputElement>('#secret')!.value).toBe(SECRET)
    expect(root.querySelector('#key-ak_new')!.textContent).toContain('Zapier')

    await userEvent.click(button(root, 'Anahtarı kopyala'))
    await vi.waitFor(() => expect(status(root)).toBe('Anahtar panoya kopyalandı.'))
    expect(writeText).toHaveBeenCalledWith(SECRET)
    writeText.mockRestore()

    await userEvent.click(button(root, 'Kaydettim, gizle'))
    await vi.waitFor(() => expect(root.querySelector('#secret')).toBeNull())
    expect(root.activeElement?.id).toBe('key-ak_new')
    expect(root.innerHTML).not.toContain(SECRET)
  })

  it('renames a key from the keyboard and returns to its button', async () => {
    const calls = stubApi({
      'GET /admin/api/team': () => json(team()),
      'PATCH /admin/api/keys/ak_rep': (call) =>
        json({ ...key('ak_rep', REP_ME.user.id, 'Telefon'), ...(call.body as object) }),
    })
    const root = await mount()
    root.querySelector<HTMLButtonElement>('#rename-ak_rep')!.focus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('rename'))
    await userEvent.clear(root.activeElement!)
    await userEvent.keyboard('İş telefonu{Enter}')
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('rename-ak_rep'))
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ name: 'İş telefonu' })
    expect(root.querySelector('#key-ak_rep')!.textContent).toContain('İş telefonu')
    await vi.waitFor(() => expect(status(root)).toContain('İş telefonu'))
  })

  it('revokes a key through the confirm dialog by keyboard; Escape first cancels', async () => {
    const calls = stubApi({
      'GET /admin/api/team': () => json(team()),
      'POST /admin/api/keys/ak_rep/revoke': () =>
        json(key('ak_rep', REP_ME.user.id, 'Telefon', '2026-11-29T12:00:00.000Z')),
    })
    const root = await mount()
    const revoke = root.querySelector<HTMLButtonElement>('#revoke-ak_rep')!
    revoke.focus()
    await userEvent.keyboard('{Enter}')
    const dialog = root.querySelector('dialog')!
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    expect(dialog.textContent).toContain('“Telefon” anahtarı iptal edilsin mi?')
    expect(root.activeElement?.id).toBe('revoke-cancel')

    await userEvent.keyboard('{Escape}')
    await vi.waitFor(() => expect(dialog.open).toBe(false))
    expect(root.activeElement).toBe(revoke)
    expect(posts(calls, '/admin/api/keys/ak_rep/revoke')).toHaveLength(0)

    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(dialog.open).toBe(true))
    await userEvent.tab()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(posts(calls, '/admin/api/keys/ak_rep/revoke')).toHaveLength(1))
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('key-ak_rep'))
    expect(dialog.open).toBe(false)
    expect(root.querySelector('#revoke-ak_rep')).toBeNull()
    expect(root.querySelector('#key-ak_rep')!.closest('tr')!.textContent).toContain('İptal edildi')
    await vi.waitFor(() => expect(status(root)).toContain('Telefon anahtarı iptal edildi'))
  })

  it("says in words that the store's last owner key cannot be revoked", async () => {
    stubApi({
      'GET /admin/api/team': () => json(team()),
      'POST /admin/api/keys/ak_owner/revoke': () =>
        json(
          {
            error: {
              code: 'conflict',
              message:
                "This is the store's last owner key; create another owner key before revoking it.",
            },
          },
          409,
        ),
    })
    const root = await mount()
    await userEvent.click(root.querySelector('#revoke-ak_owner')!)
    await userEvent.click(button(root, 'Anahtarı iptal et'))
    await vi.waitFor(() => expect(root.querySelector('.notice.warn')).toBeTruthy())
    expect(root.querySelector('.notice.warn')!.textContent).toContain('çalışan son sahip anahtarı')
    expect(root.activeElement?.id).toBe('revoke-ak_owner')
  })
})

describe('the team', () => {
  it('adds a person, naming a bad e-mail address at its input first', async () => {
    const calls = stubApi({
      'GET /admin/api/team': () => json(team()),
      'POST /admin/api/team': (call) =>
        json(
          { id: 'us_3', createdAt: '2026-11-29T12:00:00.000Z', keys: [], ...(call.body as object) },
          201,
        ),
    })
    const root = await mount()
    await userEvent.type(root.querySelector('#member-name')!, 'Zeynep Kaya')
    await userEvent.type(root.querySelector('#member-email')!, 'zeynep@')
    await userEvent.click(button(root, 'Ekle'))
    const email = root.querySelector<HTMLInputElement>('#member-email')!
    await vi.waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'))
    expect(root.activeElement).toBe(email)
    expect(posts(calls, '/admin/api/team')).toHaveLength(0)

    await userEvent.type(email, 'example.com')
    await userEvent.selectOptions(root.querySelector<HTMLSelectElement>('#member-role')!, 'owner')
    await userEvent.click(button(root, 'Ekle'))
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('member-us_3'))
    expect(posts(calls, '/admin/api/team')[0]!.body).toEqual({
      name: 'Zeynep Kaya',
      email: 'zeynep@example.com',
      role: 'owner',
    })
    await vi.waitFor(() => expect(status(root)).toContain('Zeynep Kaya ekibe eklendi'))
  })

  it('lets a rep manage only their own keys and add no one', async () => {
    const repView = team()
    repView.items[0]!.keys = null
    stubApi({ 'GET /admin/api/team': () => json(repView) })
    const root = await mount(REP_ME)
    expect(root.textContent).toContain('yalnızca kendi anahtarlarınızı')
    expect(root.querySelector('#member-name')).toBeNull()
    expect(root.querySelector(`#new-key-${ME.user.id}`)).toBeNull()
    expect(root.querySelector(`#new-key-${REP_ME.user.id}`)).toBeTruthy()
    expect(root.querySelector('#revoke-ak_rep')).toBeTruthy()
  })
})
