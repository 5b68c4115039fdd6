/**
 * The store, form and theme settings sections in Chromium against a stubbed admin API: edits
 * reach the PUT body with the version read, issues appear beside their inputs (checked before
 * sending, and the API's 422), the 409 offers the current settings, reps read only, the embed
 * code is copied, fields move by keyboard, and the theme preview follows what is typed.
 */
import * as v from 'valibot'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { userEvent } from 'vitest/browser'
import { type Me, type SiteAdmin, SiteAdminSchema } from '../../../contract'
import { AdminApi } from '../api'
import { json, KEY, ME, REP_ME, shadow, stubApi, type Call } from '../test-helpers'
import type { ConsoleView } from '../view'
import './form'
import './store'
import './theme'
import type { LeadlineSettingsTheme } from './theme'

const SITE: SiteAdmin = v.parse(SiteAdminSchema, {
  siteKey: 'pk_' + 'B'.repeat(24),
  name: 'Demo Mağaza',
  locale: 'tr',
  currency: 'TRY',
  timeZone: 'Europe/Istanbul',
  defaultRegion: 'TR',
  origins: ['https://shop.example'],
  settings: {
    fields: [
      {
        name: 'name',
        kind: 'standard',
        type: 'text',
        required: true,
        label: { tr: 'Ad Soyad', en: 'Full name' },
      },
      {
        name: 'email',
        kind: 'standard',
        type: 'email',
        required: true,
        label: { tr: 'E-posta', en: 'E-mail' },
      },
      {
        name: 'sector',
        kind: 'custom',
        type: 'text',
        required: false,
        label: { tr: 'Sektör', en: 'Sector' },
      },
    ],
    consent: {
      version: '2026-01',
      text: { tr: 'Onaylıyorum.', en: 'I agree.' },
      channels: ['email', 'sms'],
    },
    theme: { '--leadline-color-primary': '#1f5fbf' },
    minFillMs: 2000,
  },
  version: 3,
  updatedAt: '2026-11-01T10:00:00.000Z',
})

const site = (): SiteAdmin => structuredClone(SITE)

async function mount<T extends ConsoleView>(tag: string, me: Me = ME, setup?: (el: T) => void) {
  const el = document.createElement(tag) as T
  el.api = new AdminApi(KEY)
  el.me = me
  el.locale = 'tr'
  setup?.(el)
  document.body.append(el)
  await vi.waitFor(() => expect(shadow(el).querySelector('form')).toBeTruthy())
  return { el, root: shadow(el) }
}

const byLabel = (root: ShadowRoot, text: string) => {
  const label = [...root.querySelectorAll('label')].find((l) => l.textContent!.trim() === text)
  return root.getElementById(label!.htmlFor) as HTMLInputElement
}
const button = (root: ShadowRoot, text: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === text)!
const status = (root: ShadowRoot) => root.querySelector('#status')!.textContent
const puts = (calls: Call[]) => calls.filter((c) => c.method === 'PUT')

beforeEach(() => document.body.replaceChildren())
afterEach(() => vi.unstubAllGlobals())

describe('the store section', () => {
  it('saves the name and a new origin with the version it read', async () => {
    const calls = stubApi({
      'GET /admin/api/site': () => json(site()),
      'PUT /admin/api/site': (call) => json({ ...site(), ...(call.body as object), version: 4 }),
    })
    const { root } = await mount('leadline-settings-store')
    const name = byLabel(root, 'Mağaza adı')
    await userEvent.clear(name)
    await userEvent.type(name, 'Anadolu Tekstil')
    await userEvent.click(button(root, 'Adres ekle'))
    expect(root.activeElement).toBe(byLabel(root, 'Adres 2'))
    await userEvent.keyboard('https://www.anadolu.example')
    await userEvent.click(button(root, 'Kaydet'))

    await vi.waitFor(() => expect(status(root)).toContain('Kaydedildi'))
    expect(puts(calls)).toHaveLength(1)
    expect(puts(calls)[0]!.body).toMatchObject({
      name: 'Anadolu Tekstil',
      origins: ['https://shop.example', 'https://www.anadolu.example'],
      expectedVersion: 3,
      settings: SITE.settings,
    })
    expect(puts(calls)[0]!.body).not.toHaveProperty('siteKey')
  })

  it('checks the draft before sending: a bad origin is named at its input and nothing is sent', async () => {
    const calls = stubApi({ 'GET /admin/api/site': () => json(site()) })
    const { root } = await mount('leadline-settings-store')
    const origin = byLabel(root, 'Adres 1')
    await userEvent.clear(origin)
    await userEvent.type(origin, 'http://shop.example/iletisim')
    await userEvent.click(button(root, 'Kaydet'))

    await vi.waitFor(() => expect(origin.getAttribute('aria-invalid')).toBe('true'))
    expect(root.activeElement).toBe(origin)
    const error = root.getElementById(origin.getAttribute('aria-describedby')!)!
    expect(error.textContent).toContain('https:// ile başlayan bir adres')
    await vi.waitFor(() => expect(status(root)).toContain('Bir alanda düzeltilecek'))
    expect(puts(calls)).toHaveLength(0)
    // Fixed as it is typed, once a save was tried.
    await userEvent.clear(origin)
    await userEvent.type(origin, 'https://shop.example')
    expect(origin.getAttribute('aria-invalid')).toBe('false')
  })

  it("shows the API's 422 beside the field it names and moves there", async () => {
    stubApi({
      'GET /admin/api/site': () => json(site()),
      'PUT /admin/api/site': () =>
        json(
          {
            error: {
              code: 'validation_failed',
              message: 'Some fields are not valid.',
              issues: [
                { path: 'defaultRegion', message: 'phone numbers of this country are not known' },
              ],
            },
          },
          422,
        ),
    })
    const { root } = await mount('leadline-settings-store')
    await userEvent.click(button(root, 'Kaydet'))
    const region = byLabel(root, 'Telefon numaralarının ülkesi')
    await vi.waitFor(() => expect(region.getAttribute('aria-invalid')).toBe('true'))
    expect(root.activeElement).toBe(region)
    expect(root.getElementById(`${region.id}-error`)!.textContent).toContain('İki harfli')
  })

  it('says when someone saved first and loads their settings on request', async () => {
    const theirs = { ...site(), name: 'Başkasının Adı', version: 4 }
    stubApi({
      'GET /admin/api/site': () => json(site()),
      'PUT /admin/api/site': () =>
        json(
          {
            error: { code: 'conflict', message: 'Someone changed the settings first.' },
            current: theirs,
          },
          409,
        ),
    })
    const { root } = await mount('leadline-settings-store')
    await userEvent.type(byLabel(root, 'Mağaza adı'), ' 2')
    await userEvent.click(button(root, 'Kaydet'))

    await vi.waitFor(() => expect(root.textContent).toContain('başka biri bu ayarları kaydetti'))
    const reload = root.querySelector<HTMLButtonElement>('#reload')!
    expect(root.activeElement).toBe(reload)
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(byLabel(root, 'Mağaza adı').value).toBe('Başkasının Adı'))
    expect(root.querySelector('#reload')).toBeNull()
    await vi.waitFor(() => expect(status(root)).toContain('Güncel ayarlar yüklendi'))
  })

  it('shows reps the settings disabled and without Save, and still lets them copy the code', async () => {
    stubApi({ 'GET /admin/api/site': () => json(site()) })
    const { root } = await mount('leadline-settings-store', REP_ME)
    expect(byLabel(root, 'Mağaza adı').matches(':disabled')).toBe(true)
    expect(byLabel(root, 'Adres 1').matches(':disabled')).toBe(true)
    expect(root.querySelector('button[type=submit]')).toBeNull()
    expect(button(root, 'HTML kodunu kopyala').disabled).toBe(false)
  })

  it('copies the embed code and says so, or selects it when the clipboard is refused', async () => {
    stubApi({ 'GET /admin/api/site': () => json(site()) })
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue()
    const { root } = await mount('leadline-settings-store')
    await userEvent.click(button(root, 'HTML kodunu kopyala'))
    await vi.waitFor(() => expect(status(root)).toBe('Panoya kopyalandı.'))
    const code = writeText.mock.calls[0]![0]
    expect(code).toContain(
      `<script src="${location.origin}/embed.js" data-site="${SITE.siteKey}" async></script>`,
    )
    expect(code).toContain('<leadline-form></leadline-form>')

    writeText.mockRejectedValue(new DOMException('denied', 'NotAllowedError'))
    await userEvent.click(button(root, 'CSS’i kopyala'))
    await vi.waitFor(() => expect(status(root)).toContain('metin seçildi'))
    const css = root.querySelector<HTMLTextAreaElement>('#snippet-css')!
    expect(root.activeElement).toBe(css)
    expect(css.value.slice(css.selectionStart, css.selectionEnd)).toContain('min-height: 805px')
    writeText.mockRestore()
  })
})

describe('the form section', () => {
  it('moves a field down from the keyboard, keeps focus on its button and saves the order', async () => {
    const calls = stubApi({
      'GET /admin/api/site': () => json(site()),
      'PUT /admin/api/site': () => json({ ...site(), version: 4 }),
    })
    const { root } = await mount('leadline-settings-form')
    root.querySelector<HTMLButtonElement>('#down-0')!.focus()
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('down-1'))
    expect(root.querySelector('#field-1 legend')!.textContent).toContain('Alan 2: Ad Soyad')
    await vi.waitFor(() => expect(status(root)).toContain('Ad Soyad 2. sıraya taşındı'))
    // At the end of the list the focus stays on the field's other move button.
    await userEvent.keyboard('{Enter}')
    await vi.waitFor(() => expect(root.activeElement?.id).toBe('up-2'))

    await userEvent.click(button(root, 'Kaydet'))
    await vi.waitFor(() => expect(puts(calls)).toHaveLength(1))
    const body = puts(calls)[0]!.body as SiteAdmin
    expect(body.settings.fields.map((f) => f.name)).toEqual(['email', 'sector', 'name'])
  })

  it('adds a list field whose empty option is named at its input when saved', async () => {
    const calls = stubApi({ 'GET /admin/api/site': () => json(site()) })
    const { root } = await mount('leadline-settings-form')
    await userEvent.click(button(root, 'Özel alan ekle'))
    expect(root.activeElement?.id).toBe('field-3')
    const type = root.querySelector<HTMLSelectElement>('#in-settings-fields-3-type')!
    await userEvent.selectOptions(type, 'select')
    await userEvent.click(button(root, 'Kaydet'))
    const value = root.querySelector<HTMLInputElement>('#in-settings-fields-3-options-0-value')!
    await vi.waitFor(() => expect(value.getAttribute('aria-invalid')).toBe('true'))
    expect(root.activeElement).toBe(value)
    expect(puts(calls)).toHaveLength(0)
  })

  it('asks for a new consent version when the consent text changes', async () => {
    const calls = stubApi({
      'GET /admin/api/site': () => json(site()),
      'PUT /admin/api/site': () => json({ ...site(), version: 4 }),
    })
    const { root } = await mount('leadline-settings-form')
    await userEvent.type(byLabel(root, 'Onay metni (Türkçe)'), ' Yeni cümle.')
    await userEvent.click(button(root, 'Kaydet'))
    const version = byLabel(root, 'Sürüm')
    await vi.waitFor(() => expect(root.activeElement).toBe(version))
    expect(root.getElementById(`${version.id}-error`)!.textContent).toContain('yeni bir sürüm')
    expect(puts(calls)).toHaveLength(0)

    await userEvent.clear(version)
    await userEvent.type(version, '2026-02')
    await userEvent.click(root.querySelector('label.inline input[type=checkbox]')!)
    await userEvent.click(button(root, 'Kaydet'))
    await vi.waitFor(() => expect(puts(calls)).toHaveLength(1))
    expect((puts(calls)[0]!.body as SiteAdmin).settings.consent).toEqual({
      version: '2026-02',
      text: { tr: 'Onaylıyorum. Yeni cümle.', en: 'I agree.' },
      channels: ['email', 'sms'],
    })
  })

  it('keeps the information notice apart from the opt-in, with its address checked', async () => {
    const calls = stubApi({
      'GET /admin/api/site': () => json(site()),
      'PUT /admin/api/site': () => json({ ...site(), version: 4 }),
    })
    const { root } = await mount('leadline-settings-form')
    const url = byLabel(root, 'Tam metnin adresi')
    expect(url.type).toBe('url')
    expect(root.getElementById(`${url.id}-hint`)!.textContent).toContain('aydınlatma metni')
    await userEvent.type(byLabel(root, 'Özet (Türkçe)'), 'Verileriniz KVKK kapsamında işlenir.')
    await userEvent.type(url, 'javascript:alert(1)')
    const version = byLabel(root, 'Sürüm')
    await userEvent.clear(version)
    await userEvent.type(version, '2026-02')
    await userEvent.click(button(root, 'Kaydet'))
    // The English summary is missing and the address is not https: both named, nothing sent.
    const en = byLabel(root, 'Özet (İngilizce)')
    await vi.waitFor(() => expect(en.getAttribute('aria-invalid')).toBe('true'))
    expect(url.getAttribute('aria-invalid')).toBe('true')
    expect(root.getElementById(`${url.id}-error`)!.textContent).toContain('https://')
    expect(puts(calls)).toHaveLength(0)

    await userEvent.type(en, 'We process your data under KVKK.')
    await userEvent.clear(url)
    await userEvent.type(url, 'https://shop.example/aydinlatma')
    await userEvent.click(button(root, 'Kaydet'))
    await vi.waitFor(() => expect(puts(calls)).toHaveLength(1))
    expect((puts(calls)[0]!.body as SiteAdmin).settings.consent).toEqual({
      version: '2026-02',
      text: { tr: 'Onaylıyorum.', en: 'I agree.' },
      notice: {
        tr: 'Verileriniz KVKK kapsamında işlenir.',
        en: 'We process your data under KVKK.',
      },
      noticeUrl: 'https://shop.example/aydinlatma',
      channels: ['email', 'sms'],
    })
  })
})

describe('the theme section', () => {
  it('sets a typed token on the previewed widget and keeps it when the widget sets the saved theme', async () => {
    stubApi({ 'GET /admin/api/site': () => json(site()) })
    const { root } = await mount<LeadlineSettingsTheme>('leadline-settings-theme', ME, (el) => {
      el.loadPreview = async () => {
        if (!customElements.get('leadline-form'))
          customElements.define('leadline-form', class extends HTMLElement {})
      }
    })
    const preview = root.querySelector<HTMLElement>('leadline-form')!
    expect(preview.getAttribute('site-key')).toBe(SITE.siteKey)
    await vi.waitFor(() =>
      expect(preview.style.getPropertyValue('--leadline-color-primary')).toBe('#1f5fbf'),
    )
    const primary = byLabel(root, 'Ana renk (düğme, odak)')
    await userEvent.clear(primary)
    await userEvent.type(primary, '#b4232c')
    expect(preview.style.getPropertyValue('--leadline-color-primary')).toBe('#b4232c')
    await userEvent.type(byLabel(root, 'Köşe yuvarlaklığı'), '2px')
    expect(preview.style.getPropertyValue('--leadline-radius')).toBe('2px')

    // The widget applies the saved theme once its config arrives; the draft wins again.
    preview.style.setProperty('--leadline-color-primary', '#1f5fbf')
    await vi.waitFor(() =>
      expect(preview.style.getPropertyValue('--leadline-color-primary')).toBe('#b4232c'),
    )
    // The preview never submits.
    const submit = new CustomEvent('leadline-before-submit', {
      cancelable: true,
      bubbles: true,
      composed: true,
    })
    preview.dispatchEvent(submit)
    expect(submit.defaultPrevented).toBe(true)
  })
})
