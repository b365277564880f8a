// Phorge's date display (phabricator_datetime, UTC viewers): "Thu, Nov 26, 12:44 PM" within 30 days of
// now, "Apr 30 2026, 1:44 PM" otherwise; the print-only form is "2026-11-26 12:44:28 (UTC+0)".
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (value: number) => String(value).padStart(2, '0');

export function screenDate(epoch: number, now: number): string {
  const date = new Date(epoch * 1000);
  const hours = date.getUTCHours();
  const time = `${hours % 12 === 0 ? 12 : hours % 12}:${pad(date.getUTCMinutes())} ${hours < 12 ? 'AM' : 'PM'}`;
  const month = MONTHS[date.getUTCMonth()] ?? '';
  const recent = Math.abs(epoch - now) < 30 * 86400;
  const day = recent
    ? `${DAYS[date.getUTCDay()] ?? ''}, ${month} ${date.getUTCDate()}`
    : `${month} ${date.getUTCDate()} ${date.getUTCFullYear()}`;
  return `${day}, ${time}`;
}

export function printDate(epoch: number): string {
  const date = new Date(epoch * 1000);
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} (UTC+0)`
  );
}
