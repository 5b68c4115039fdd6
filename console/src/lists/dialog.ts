/** What the lists' dialogs share. */

/**
 * A dialog's `cancel` listener (Escape): the dialog stays for `onCancel` to close, so the page
 * decides where the focus goes.
 */
export const escapeCancels = (onCancel: () => void) => (event: Event) => {
  event.preventDefault()
  onCancel()
}
