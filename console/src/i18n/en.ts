/** English strings; typed by `Messages`, so a missing or extra key fails `tsc`. */
import type { Messages } from './tr'

export const en: Messages = {
  title: 'Leadline admin',
  language: 'Language',
  signIn: {
    heading: 'Sign in',
    intro: 'Sign in with your Leadline admin key. The key is kept in this tab only.',
    keyLabel: 'Admin key',
    keyHint: 'starts with sk_',
    submit: 'Sign in',
    checking: 'Checking the key…',
    empty: 'Enter the key.',
  },
  signOut: 'Sign out',
  nav: {
    label: 'Sections',
    board: 'Board',
    leads: 'Leads',
    contacts: 'Contacts',
    deals: 'Deals',
    analytics: 'Analytics',
    settings: 'Settings',
  },
  loading: 'Loading…',
  loadFailed: 'This screen could not be loaded. Check your connection and try again.',
  retry: 'Try again',
  missing: {
    heading: 'Page not found',
    text: 'No screen lives at this address.',
  },
  signedInAs: (name: string, site: string) => `${name} · ${site}`,
  board: {
    heading: 'Pipeline',
    loading: 'Loading the pipeline…',
    refreshing: 'Updating…',
    reload: 'Reload',
    empty: 'No deals at this stage.',
    truncated: (n: number) => `Only the first ${n} open deals are shown.`,
    pipeline: 'Pipeline',
    closeHint: 'Drop a deal here to close it.',
    count: (n: number) => (n === 1 ? '1 deal' : `${n} deals`),
    weighted: 'Weighted total',
    help:
      'To move with the keyboard: go to a card, press Space to pick it up, choose the stage (Won ' +
      'or Lost at the end) with the left and right arrows, press Enter to drop; Escape cancels. ' +
      'The name opens the lead.',
    noName: 'Unnamed contact',
    score: (n: number) => `Score ${n}`,
    days: (n: number) =>
      n === 0 ? 'Entered today' : n === 1 ? '1 day in stage' : `${n} days in stage`,
    rotting: 'Rotting: longer than usual',
    cardLabel: (name: string, stage: string) => `${name}, ${stage}`,
    picked: (name: string, stage: string) =>
      `Picked up ${name}. Target: ${stage}. Choose a stage with the arrows, Enter drops, Escape cancels.`,
    target: (stage: string) => `Target: ${stage}`,
    cancelled: 'Move cancelled.',
    moving: (name: string, stage: string) => `Moving ${name} to ${stage}…`,
    moved: (name: string, stage: string) => `Moved ${name} to ${stage}.`,
    conflict: (name: string, stage: string) =>
      `Someone else changed ${name} in the meantime; it is now at ${stage}. Nothing was moved; ` +
      'you can try again.',
    moveFailed: (name: string, why: string) => `${name} could not be moved: ${why}`,
  },
  dialog: {
    heading: (name: string, stage: string) => `${name} → ${stage}`,
    reasonLabel: 'Reason for the move',
    closeReasonLabel: 'Reason for closing',
    reasonHint: 'Shown in the history; required.',
    confirm: 'Move',
    cancel: 'Cancel',
  },
  stages: {
    lead: 'Lead',
    qualification: 'Qualification',
    nurturing: 'Nurturing',
    meeting: 'Meeting',
    proposal: 'Proposal',
    deal: 'Deal',
    won: 'Won',
    lost: 'Lost',
  },
  errors: {
    network: 'The server could not be reached. Check your connection and try again.',
    unauthorized: 'This key was not accepted. Check it, or ask for a new one.',
    forbidden: 'You are not allowed to do this.',
    not_found: 'This record was not found; it may have been deleted or belong to another store.',
    validation_failed: 'What was sent was not accepted.',
    rate_limited: 'Too many requests; wait a moment and try again.',
    unavailable: 'The service is busy; try again shortly.',
    other: 'Something unexpected went wrong; please try again.',
    load: 'The pipeline could not be loaded.',
  },
}
