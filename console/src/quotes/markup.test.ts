import { describe, expect, it } from 'vitest'
import type { RichText } from '../../../contract'
import { fromMarkup, toMarkup } from './markup'

describe('the section markup', () => {
  it('reads paragraphs, lists, bold and links', () => {
    const doc = fromMarkup(
      'Havlular **6 ayda** yıpranıyor.\nİkinci satır.\n\n- **550 g/m²** pamuk\n- [Katalog](https://example.com/k)\n\n1. Numune\n2. Üretim',
    )
    expect(doc).toEqual<RichText>([
      {
        type: 'p',
        children: [
          { text: 'Havlular ' },
          { text: '6 ayda', bold: true },
          { text: ' yıpranıyor.\nİkinci satır.' },
        ],
      },
      {
        type: 'ul',
        items: [
          [{ text: '550 g/m²', bold: true }, { text: ' pamuk' }],
          [{ text: 'Katalog', href: 'https://example.com/k' }],
        ],
      },
      { type: 'ol', items: [[{ text: 'Numune' }], [{ text: 'Üretim' }]] },
    ])
  })

  it('keeps links the contract refuses as text', () => {
    expect(fromMarkup('[tıkla](javascript:alert(1))')).toEqual([
      { type: 'p', children: [{ text: '[tıkla](javascript:alert(1))' }] },
    ])
  })

  it('reads an empty text as an empty document', () => {
    expect(fromMarkup(' \n\n ')).toEqual([])
  })

  it('writes back markup that reads to the same document', () => {
    const doc: RichText = [
      {
        type: 'p',
        children: [{ text: 'Ara ' }, { text: 'bizi', bold: true, href: 'tel:+905551112233' }],
      },
      { type: 'ol', items: [[{ text: 'Bir' }], [{ text: 'İki', bold: true }]] },
    ]
    expect(fromMarkup(toMarkup(doc))).toEqual(doc)
  })
})
