/** How the lists write people, owners, dates and the deals' reasons. Pure: no DOM, no API. */
import type { DealReason, Locale, Me, TeamMember } from '../../../contract'
import type { ListsMessages } from '../i18n/lists'
import { formatMoney } from '../localize'

/** A whole percentage the way the locale writes it (`%40`, `40%`). */
export const formatPercent = (locale: Locale, percent: number): string =>
  new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100)

/** The name a person goes by in a list: their name, else company, else e-mail. */
export function personName(
  c: { name: string | null; company?: string | null; email?: string | null },
  fallback: string,
): string {
  return c.name || c.company || c.email || fallback
}

export interface OwnerChoice {
  id: string
  label: string
}

/**
 * The owners a filter offers: the signed-in person first ("mine"), then the rest of the team
 * (a rep's team answer holds only themselves, so a rep gets "mine" only).
 */
export function ownerChoices(m: ListsMessages, me: Me | undefined, team: TeamMember[]) {
  const choices: OwnerChoice[] = me ? [{ id: me.user.id, label: m.mine }] : []
  for (const member of team) {
    if (member.id !== me?.user.id) choices.push({ id: member.id, label: member.name })
  }
  return choices
}

/** Who owns a record, in words. */
export function ownerName(m: ListsMessages, id: string | null, team: TeamMember[]): string {
  if (id === null) return m.unassigned
  return team.find((t) => t.id === id)?.name ?? m.someoneElse
}

/** One of the reasons the deals API gives for a rank, as a sentence. */
export function reasonText(
  m: ListsMessages,
  locale: Locale,
  reason: DealReason,
  currency: string,
): string {
  const r = m.deals.reasons
  const factor = (n: number) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(n)
  switch (reason.code) {
    case 'weighted':
      return r.weighted(
        formatMoney(locale, reason.weightedMinor, currency),
        formatMoney(locale, reason.valueMinor, currency),
        formatPercent(locale, reason.probability),
      )
    case 'rotting':
      return r.rotting(reason.days, reason.limit, reason.basis, factor(reason.factor))
    case 'overdue':
    case 'closing_soon':
    case 'closing_far':
      return r[reason.code](reason.days, factor(reason.factor))
  }
}
