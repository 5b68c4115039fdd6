/**
 * Files read through the admin API (`AdminApi.file`) handed to the browser through Blob URLs:
 * nothing inline, so the console's CSP holds.
 */

/** A download link's target for `file`; the previous one (if any) is released. */
export function fileUrl(file: File, previous: string | undefined): string {
  if (previous) URL.revokeObjectURL(previous)
  return URL.createObjectURL(file)
}

/** Saves `file` at once, as a click on a download link would. */
export function download(file: File) {
  const url = URL.createObjectURL(file)
  const a = document.createElement('a')
  a.href = url
  a.download = file.name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
