/**
 * The run's time as `YYYY-MM-DD HH:MM UTC` in every locale. Intl date formats differ
 * between Node's ICU (static render) and the reader's browser (hydration), and a
 * mismatch would be a React error on every page.
 */
export function formatRunDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
