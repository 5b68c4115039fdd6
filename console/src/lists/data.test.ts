/** The lists' pure pieces: address state, keyset paging, the contact edit body, owner names. */
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ContactSchema, LeadListQuerySchema, type TeamMember } from '../../../contract'
import { listsText } from '../i18n/lists'
import { ME } from '../test-helpers'
import { confirmsErase, contactPatch, editValues, eraseWord } from './contact-form'
import { ownerChoices, ownerName, reasonText } from './format'
import {
  apiPath,
  FIRST_PAGE,
  listSearch,
  nextPage,
  previousPage,
  readFilters,
  readPaging,
} from './url'

const { stage, sort, q } = LeadListQuerySchema.entries

describe('the address of a list', () => {
  it('keeps only the filters the schema accepts', () => {
    expect(readFilters('?stage=lead&sort=drop_table&q=%20&x=1', { stage, sort, q })).toEqual({
      stage: 'lead',
    })
  })

  it('pages forward and back over cursors, and survives a round trip through the address', () => {
    const two = nextPage(FIRST_PAGE, 'c2')
    const three = nextPage(two, 'c3')
    expect(three).toEqual({ cursor: 'c3', back: ['', 'c2'] })
    const search = listSearch({ stage: 'lead' }, three)
    expect(search).toBe('?stage=lead&cursor=c3&back=&back=c2')
    expect(readPaging(search)).toEqual(three)
    expect(previousPage(readPaging(search))).toEqual(two)
    expect(previousPage(two)).toEqual(FIRST_PAGE)
    expect(listSearch({}, FIRST_PAGE)).toBe('')
  })

  it('asks the API for one page with its limit and cursor', () => {
    expect(apiPath('/leads', { q: 'ayşe' }, 'c2', 25)).toBe('/leads?q=ay%C5%9Fe&limit=25&cursor=c2')
    expect(apiPath('/leads', {}, null, 25)).toBe('/leads?limit=25')
  })
})

const contact = v.parse(ContactSchema, {
  id: 'ct_1',
  name: 'Ayşe Yılmaz',
  email: 'ayse@example.com',
  phone: null,
  company: 'Yılmaz Tekstil',
  location: null,
  ownerId: null,
  tags: ['vip'],
  custom: {},
  timeZone: null,
  mergedInto: null,
  erasedAt: null,
  version: 4,
  createdAt: '2026-01-01T10:00:00.000Z',
  updatedAt: '2026-01-01T10:00:00.000Z',
})

describe('the contact edit form', () => {
  it('sends only what changed, a cleared field as null, with the version', () => {
    const values = { ...editValues(contact), company: ' ', tags: 'vip, toptan ', location: 'İzmir' }
    expect(contactPatch(contact, values)).toEqual({
      kind: 'patch',
      body: { company: null, location: 'İzmir', tags: ['vip', 'toptan'], expectedVersion: 4 },
    })
    expect(contactPatch(contact, editValues(contact))).toEqual({ kind: 'unchanged' })
  })

  it('names the fields the contract refuses', () => {
    const values = { ...editValues(contact), email: 'not-an-email', tags: 'a, a' }
    expect(contactPatch(contact, values)).toEqual({ kind: 'invalid', fields: ['email', 'tags'] })
  })

  it('asks for the e-mail to confirm erasing, else the confirm word', () => {
    expect(eraseWord(contact, 'SİL')).toBe('ayse@example.com')
    expect(eraseWord({ ...contact, email: null }, 'SİL')).toBe('SİL')
    expect(confirmsErase(' AYSE@example.com ', 'ayse@example.com')).toBe(true)
    expect(confirmsErase('ayse@example', 'ayse@example.com')).toBe(false)
  })
})

describe('owners and reasons in words', () => {
  const t = listsText.en
  const team = [
    { id: 'us_1', name: 'Ayşe Owner' },
    { id: 'us_9', name: 'Deniz Rep' },
  ] as TeamMember[]

  it('offers "mine" first, then the rest of the team', () => {
    expect(ownerChoices(t, ME, team)).toEqual([
      { id: 'us_1', label: 'Assigned to me' },
      { id: 'us_9', label: 'Deniz Rep' },
    ])
    expect(ownerChoices(t, ME, [])).toEqual([{ id: 'us_1', label: 'Assigned to me' }])
    expect(ownerName(t, 'us_9', team)).toBe('Deniz Rep')
    expect(ownerName(t, null, team)).toBe('Unassigned')
    expect(ownerName(t, 'us_x', [])).toBe('Another team member')
  })

  it('says why a deal ranks where it does', () => {
    expect(
      reasonText(
        t,
        'en',
        { code: 'rotting', days: 9, limit: 7, basis: 'usual', factor: 0.78 },
        'TRY',
      ),
    ).toBe('9 days in this stage; the usual time is 7 days (weight ×0.78)')
    expect(
      reasonText(
        t,
        'en',
        {
          code: 'weighted',
          valueMinor: 1_000_000,
          probability: 40,
          source: 'stage',
          weightedMinor: 400_000,
        },
        'USD',
      ),
    ).toBe('Weighted value $4,000 ($10,000 × 40%)')
  })
})
