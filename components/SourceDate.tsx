const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * "2023-01-30" → "30 January 2023". Spelled out by hand rather than with `Intl`/`toLocaleDateString` so the card
 * reads the same in every browser locale, and parsed from the string so no time zone can shift the day.
 */
export function formatSourceDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const month = match ? MONTHS[Number(match[2]) - 1] : undefined;
  if (!match || !month) return isoDate;
  return `${Number(match[3])} ${month} ${match[1]}`;
}

/** A source's publication date as a `<time>` element. */
export function SourceDate({ date }: { date: string }) {
  return <time dateTime={date}>{formatSourceDate(date)}</time>;
}
