/**
 * A message one screen leaves for the next (the contact page, after erasing someone, for the
 * contacts list it goes back to). Kept as words-to-be, so it is written in the language the
 * next screen shows.
 */
import type { ListsMessages } from '../i18n/lists'

type Notice = (t: ListsMessages) => string

let pending: Notice | undefined

export function leaveNotice(notice: Notice): void {
  pending = notice
}

/** The message left for this screen, once. */
export function takeNotice(): Notice | undefined {
  const notice = pending
  pending = undefined
  return notice
}
