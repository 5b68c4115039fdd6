/**
 * Finding contacts that are probably one person: the same mailbox (Gmail dots and `+tags`
 * ignored), the same phone, or names that read alike once Turkish letters are folded, word
 * order is ignored and a typo or two is allowed. Pure.
 */

/** Lower case without diacritics: Turkish letters by hand (ı/İ have no decomposition). */
export function foldName(name: string): string {
  return name
    .replace(/[İIı]/g, 'i')
    .replace(/[Şş]/g, 's')
    .replace(/[Ğğ]/g, 'g')
    .replace(/[Çç]/g, 'c')
    .replace(/[Öö]/g, 'o')
    .replace(/[Üü]/g, 'u')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
}

/** A name's comparison key: folded words without punctuation, sorted (`Kaya, Zeynep` = `zeynep kaya`). */
export function nameKey(name: string | null | undefined): string {
  if (!name) return ''
  return foldName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .sort()
    .join(' ')
}

/** The mailbox an address delivers to: `+tags` dropped, and dots too for Gmail. */
export function mailboxKey(email: string | null | undefined): string {
  if (!email) return ''
  const at = email.lastIndexOf('@')
  if (at < 1) return email.toLowerCase()
  let local = email.slice(0, at).toLowerCase()
  let domain = email.slice(at + 1).toLowerCase()
  local = local.split('+')[0]!
  if (domain === 'gmail.com' || domain === 'googlemail.com') {
    local = local.replace(/\./g, '')
    domain = 'gmail.com'
  }
  return `${local}@${domain}`
}

/** Levenshtein distance, stopping early once it passes `max` (then returns max + 1). */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const value = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost)
      row.push(value)
      best = Math.min(best, value)
    }
    if (best > max) return max + 1
    prev = row
  }
  return prev[b.length]!
}

/**
 * Whether two names read as the same person's, and how alike they are (0..1). Keys of at
 * least two words (or 8 letters) may differ by 2 edits, shorter ones by 1; one-word names of
 * under 5 letters must match exactly, so `Ali` and `Alp` are not suggested.
 */
export function nameSimilarity(
  a: string | null,
  b: string | null,
): { similar: boolean; score: number } {
  const ka = nameKey(a)
  const kb = nameKey(b)
  if (ka === '' || kb === '') return { similar: false, score: 0 }
  if (ka === kb) return { similar: true, score: 1 }
  const longest = Math.max(ka.length, kb.length)
  const allowed = ka.includes(' ') || longest >= 8 ? 2 : longest >= 5 ? 1 : 0
  const distance = editDistance(ka, kb, allowed)
  const score = Math.max(0, 1 - distance / longest)
  return { similar: distance <= allowed, score: Math.round(score * 100) / 100 }
}

export interface DedupeCandidate {
  id: string
  name: string | null
  email: string | null
  phone: string | null
  company: string | null
}

export interface DuplicateGroupPlan {
  reason: 'email' | 'phone' | 'name'
  key: string
  score: number
  ids: string[]
}

/**
 * Groups of candidates that look like one person: same mailbox, same phone, then pairs of
 * similar names (compared within blocks of the same first two letters, so cost stays near
 * linear). A pair of similar names at different companies is not suggested. At most `limit`
 * groups, strongest reasons first.
 */
export function findDuplicateGroups(
  candidates: DedupeCandidate[],
  limit = 100,
): DuplicateGroupPlan[] {
  const groups: DuplicateGroupPlan[] = []
  const byKey = (reason: 'email' | 'phone', key: (c: DedupeCandidate) => string) => {
    const seen = new Map<string, string[]>()
    for (const c of candidates) {
      const k = key(c)
      if (k === '') continue
      seen.set(k, [...(seen.get(k) ?? []), c.id])
    }
    for (const [k, ids] of seen) if (ids.length > 1) groups.push({ reason, key: k, score: 1, ids })
  }
  byKey('email', (c) => mailboxKey(c.email))
  byKey('phone', (c) => c.phone ?? '')

  const blocks = new Map<string, DedupeCandidate[]>()
  for (const c of candidates) {
    const key = nameKey(c.name)
    if (key === '') continue
    const block = key.slice(0, 2)
    blocks.set(block, [...(blocks.get(block) ?? []), c])
  }
  const paired = new Set(groups.flatMap((g) => (g.ids.length === 2 ? [g.ids.join(' ')] : [])))
  for (const block of blocks.values()) {
    for (let i = 0; i < block.length; i++) {
      for (let j = i + 1; j < block.length; j++) {
        const a = block[i]!
        const b = block[j]!
        if (a.company && b.company && nameKey(a.company) !== nameKey(b.company)) continue
        const { similar, score } = nameSimilarity(a.name, b.name)
        if (!similar) continue
        const ids = [a.id, b.id]
        if (paired.has(ids.join(' ')) || paired.has([b.id, a.id].join(' '))) continue
        groups.push({ reason: 'name', key: nameKey(a.name), score, ids })
      }
    }
  }
  return groups.slice(0, limit)
}
