import { describe, expect, it } from 'vitest'
import type { ConsentConfig } from '../../../contract'
import { consentWordings, reusedVersionIssue } from './consent-texts'

const consent: ConsentConfig = {
  version: '2026-06',
  text: { tr: 'Ticari ileti onayı', en: 'Marketing opt-in' },
  notice: { tr: 'Aydınlatma özeti', en: 'Notice summary' },
  noticeUrl: 'https://shop.example/kvkk',
  channels: ['email'],
}

describe('consentWordings', () => {
  it('gives the opt-in and the notice in both languages, the address on the notice only', () => {
    expect(consentWordings(consent)).toEqual([
      { kind: 'marketing', language: 'tr', text: 'Ticari ileti onayı', noticeUrl: null },
      { kind: 'marketing', language: 'en', text: 'Marketing opt-in', noticeUrl: null },
      { kind: 'notice', language: 'tr', text: 'Aydınlatma özeti', noticeUrl: consent.noticeUrl },
      { kind: 'notice', language: 'en', text: 'Notice summary', noticeUrl: consent.noticeUrl },
    ])
  })

  it('gives the opt-in alone for a store without a notice', () => {
    const { notice: _, noticeUrl: __, ...bare } = consent
    expect(consentWordings(bare).map((w) => w.kind)).toEqual(['marketing', 'marketing'])
  })

  it('keeps a link without a summary as a notice without words', () => {
    const { notice: _, ...linkOnly } = consent
    expect(consentWordings(linkOnly).filter((w) => w.kind === 'notice')).toEqual([
      { kind: 'notice', language: 'tr', text: '', noticeUrl: consent.noticeUrl },
      { kind: 'notice', language: 'en', text: '', noticeUrl: consent.noticeUrl },
    ])
  })
})

describe('reusedVersionIssue', () => {
  const kept = consentWordings(consent)

  it('lets a version never kept, or kept with the same words, be saved', () => {
    expect(reusedVersionIssue([], consent)).toBeNull()
    expect(reusedVersionIssue(kept, { ...consent, channels: ['sms'] })).toBeNull()
  })

  it('refuses a kept version for other words, another address, or a notice added or dropped', () => {
    const { notice: _, noticeUrl: __, ...bare } = consent
    for (const next of [
      { ...consent, text: { ...consent.text, en: 'Other' } },
      { ...consent, noticeUrl: 'https://shop.example/other' },
      bare,
    ]) {
      expect(reusedVersionIssue(kept, next)?.path).toBe('settings.consent.version')
    }
    expect(reusedVersionIssue(consentWordings(bare), consent)).not.toBeNull()
  })
})
