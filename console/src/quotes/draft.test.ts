import { describe, expect, it } from 'vitest'
import { quoteTotals } from '../../../contract/pricing'
import {
  emptyForm,
  emptyLine,
  fieldOf,
  liveTotals,
  problemsFromIssues,
  toDraft,
  type EditorForm,
  type LineForm,
} from './draft'
import { quoteActions } from './panel-data'

const line = (extra: Partial<LineForm>): LineForm => ({
  ...emptyLine(),
  name: 'Havlu',
  unit: 'adet',
  ...extra,
})

function form(lines: LineForm[]): EditorForm {
  return { ...emptyForm('TRY', new Date('2026-03-01T10:00:00Z')), title: 'Teklif', lines }
}

describe('the editor form', () => {
  it('becomes the draft the API takes, numbers read in the locale', () => {
    const result = toDraft(
      'tr',
      form([
        line({
          quantity: '2,5',
          price: '1.000,00',
          discountKind: 'percent',
          discount: '10',
          description: ' ',
        }),
        line({
          quantity: '1',
          price: '50',
          discountKind: 'amount',
          discount: '5,50',
          taxRateBps: 100,
        }),
      ]),
    )
    expect(result).toEqual({
      ok: true,
      draft: {
        title: 'Teklif',
        currency: 'TRY',
        validUntil: '2026-03-31',
        sections: { problems: [], solutions: [], timeline: [], faq: [] },
        lines: [
          {
            name: 'Havlu',
            unit: 'adet',
            quantityMilli: 2500,
            unitPriceMinor: 100_000,
            discount: { kind: 'percent', bps: 1000 },
            taxRateBps: 2000,
          },
          {
            name: 'Havlu',
            unit: 'adet',
            quantityMilli: 1000,
            unitPriceMinor: 5000,
            discount: { kind: 'amount', minor: 550 },
            taxRateBps: 100,
          },
        ],
      },
    })
  })

  it('names each field that keeps it from being a draft', () => {
    const result = toDraft('en', {
      ...form([
        line({ name: ' ', quantity: '1,5', price: '' }),
        line({ quantity: '1', price: '10', discountKind: 'amount', discount: '11' }),
      ]),
      title: '',
    })
    expect(result).toEqual({
      ok: false,
      problems: {
        title: 'required',
        'lines.0.name': 'required',
        'lines.0.quantityMilli': 'number',
        'lines.0.unitPriceMinor': 'required',
        'lines.1.discount': 'discount',
      },
    })
  })

  it('totals the valid lines with the shared pricing module and leaves the others out', () => {
    const live = liveTotals(
      'tr',
      form([
        line({ quantity: '3', price: '33,33', discountKind: 'percent', discount: '12,5' }),
        line({ quantity: 'üç', price: '10' }),
        line({ quantity: '0,5', price: '0,05', taxRateBps: 100 }),
      ]),
    )
    const expected = quoteTotals([
      {
        quantityMilli: 3000,
        unitPriceMinor: 3333,
        discount: { kind: 'percent', bps: 1250 },
        taxRateBps: 2000,
      },
      { quantityMilli: 500, unitPriceMinor: 5, taxRateBps: 100 },
    ])
    expect(live.totals).toEqual(expected)
    expect(live.byLine).toEqual([expected.lines[0], null, expected.lines[1]])
  })
})

describe('issues from the API', () => {
  const fields = ['title', 'lines', 'lines.0.taxRateBps', 'sections.problems']

  it('land on the closest field the editor shows', () => {
    expect(fieldOf('sections.problems.0.children.1.href', fields)).toBe('sections.problems')
    expect(fieldOf('lines.0.taxRateBps', fields)).toBe('lines.0.taxRateBps')
    expect(fieldOf('lines.3.name', fields)).toBe('lines')
    expect(fieldOf('titles', fields)).toBeUndefined()
  })

  it('become problems at those fields', () => {
    expect(
      problemsFromIssues(
        [{ path: 'lines.0.taxRateBps', message: 'allowed tax rates are 2000' }, { message: 'x' }],
        fields,
      ),
    ).toEqual({ 'lines.0.taxRateBps': 'invalid' })
  })
})

describe('the actions a quote offers', () => {
  const quote = (status: string) => ({ status }) as never
  it.each([
    ['draft', null, ['edit', 'send']],
    ['viewed', null, ['revoke', 'revise']],
    ['accepted', null, ['issueInvoice']],
    ['accepted', {}, []],
    ['declined', null, ['revise']],
    ['replaced', null, []],
  ] as const)('a %s quote (invoice %j) offers %j', (status, invoice, actions) => {
    expect(quoteActions({ quote: quote(status), invoice: invoice as never })).toEqual(actions)
  })
})
