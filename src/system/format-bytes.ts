/** Sizes in messages: MiB with one decimal. */
export function formatMiB(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** A cap, usually a whole number of MiB: `128 MiB`, `0.5 MiB` (one unit for every decoder). */
export function formatCap(bytes: number): string {
  return `${Number((bytes / 1048576).toFixed(1))} MiB`;
}
