/** Download links for files read through the admin API (`AdminApi.file`). */

/** A download link's target for `file`; the previous one (if any) is released. */
export function fileUrl(file: File, previous: string | undefined): string {
  if (previous) URL.revokeObjectURL(previous)
  return URL.createObjectURL(file)
}
